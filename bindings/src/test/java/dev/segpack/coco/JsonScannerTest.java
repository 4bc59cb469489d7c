package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The scanner on its own, every case read whole and cut into chunks of 1, 2, 3 and 16 bytes. */
class JsonScannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CHUNKS = {1, 2, 3, 16};

    /** Scanners over {@code bytes}: one over the whole array, one per chunk size over a channel. */
    static List<JsonScanner> scanners(byte[] bytes) {
        List<JsonScanner> out = new ArrayList<>();
        out.add(new JsonScanner(bytes.clone()));
        for (int chunk : CHUNKS) {
            out.add(new JsonScanner(Channels.newChannel(new ByteArrayInputStream(bytes)), chunk));
        }
        return out;
    }

    static List<JsonScanner> scanners(String json) {
        return scanners(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The error {@code read} gives on every scanner over {@code json}, checked to be the same on all. */
    static JsonInputException error(String json, Consumer<JsonScanner> read) {
        return error(json.getBytes(StandardCharsets.UTF_8), read);
    }

    static JsonInputException error(byte[] json, Consumer<JsonScanner> read) {
        JsonInputException first = null;
        for (JsonScanner s : scanners(json)) {
            JsonInputException e = assertThrows(JsonInputException.class, () -> read.accept(s), new String(json, StandardCharsets.UTF_8));
            if (first == null) {
                first = e;
            } else {
                assertEquals(first.offset, e.offset, "offset of: " + e.getMessage());
                assertEquals(first.getMessage(), e.getMessage());
            }
        }
        return first;
    }

    private static void skipDocument(JsonScanner s) {
        s.skipValue();
        s.expectEnd();
    }

    /** A buffer read in place ends where it is told to, whatever its padding holds, and needs the padding. */
    @Test
    void aPaddedBufferIsReadInPlaceUpToItsLength() {
        byte[] padded = "[7, 22]9999999999999999999999".getBytes(StandardCharsets.US_ASCII);
        JsonScanner s = JsonScanner.inPlace(padded, 7);
        assertTrue(s.enterArray());
        assertTrue(s.readNumberOrSkip());
        assertEquals(7.0, s.doubleValue());
        assertTrue(s.nextElement());
        assertTrue(s.readNumberOrSkip());
        assertEquals(22.0, s.doubleValue());
        assertFalse(s.nextElement());
        s.expectEnd();
        JsonScanner number = JsonScanner.inPlace(padded, 5);
        number.rewind(4);
        assertTrue(number.readNumberOrSkip());
        assertEquals(2.0, number.doubleValue(), "the number ends with the input, not in the padding");
        assertThrows(IllegalArgumentException.class, () -> JsonScanner.inPlace(new byte[20], 5));
    }

    @Test
    void stringsAreUnescapedAndDecodedAsJsonSays() throws IOException {
        String json = "[\"plain\", \"caf\\u00e9 and raw café\", \"\\\"\\\\\\/\\b\\f\\n\\r\\t\", "
                + "\"\\ud83d\\ude00 and raw 😀\", \"lone \\ud800 surrogate\", \"\", \"\\u0000\"]";
        JsonNode expected = JSON.readTree(json);
        for (JsonScanner s : scanners(json)) {
            assertTrue(s.enterArray());
            int i = 0;
            do {
                assertEquals(expected.get(i++).textValue(), s.readStringOrSkip());
            } while (s.nextElement());
            assertEquals(expected.size(), i);
            s.expectEnd();
        }
    }

    @Test
    void asciiStringsAreReadInPlaceOrUnescapedAndOthersAreLeft() {
        for (JsonScanner s : scanners("[\"ab\\\\c\", \"\\u0041\\/\", \"\", \"caf\u00e9\", \"\\u00e9\", 5]")) {
            assertTrue(s.enterArray());
            for (String expected : new String[] {"ab\\c", "A/", ""}) {
                int n = s.readAsciiString();
                byte[] out = new byte[n + 2];
                s.copyAsciiString(out, 1, n);
                assertEquals(expected, new String(out, 1, n, StandardCharsets.US_ASCII));
                assertTrue(s.nextElement());
            }
            for (String other : new String[] {"caf\u00e9", "\u00e9"}) {
                assertEquals(-1, s.readAsciiString());
                assertEquals(other, s.readStringOrSkip());
                assertTrue(s.nextElement());
            }
            assertEquals(-1, s.readAsciiString());
            s.skipValue();
            assertFalse(s.nextElement());
        }
    }

    @Test
    void keysMatchWhetherWrittenPlainOrEscaped() {
        JsonKeys keys = new JsonKeys("id", "idx", "café");
        for (JsonScanner s : scanners("{\"id\":1, \"\\u0069d\":2, \"i\\u0064x\":3, \"caf\\u00e9\":4, \"café\":5, \"other\":6}")) {
            List<Integer> seen = new ArrayList<>();
            assertTrue(s.enterObject());
            do {
                seen.add(s.key(keys));
                assertTrue(s.readIntegerOrSkip());
            } while (s.nextMember());
            assertEquals(List.of(0, 0, 1, 2, 2, -1), seen);
        }
    }

    @Test
    void skippingIgnoresBracketsAndQuotesInsideStrings() {
        String tricky = "{\"a\":\"]}[{\\\"\", \"b\":[1,{\"c\":\"]\\\\\"},[]], \"d\":{}, \"e\":[\"[\", \"{\"]}";
        for (boolean deferred : new boolean[] {false, true}) {
            for (JsonScanner s : scanners("[" + tricky + ", 7, " + tricky + "]")) {
                assertTrue(s.enterArray());
                long start = s.valueOffset();
                if (deferred) {
                    s.skipDeferredValue();
                } else {
                    s.skipValue();
                }
                assertEquals(tricky.length(), s.offset() - start);
                assertTrue(s.nextElement());
                assertTrue(s.readIntegerOrSkip());
                assertEquals(7, s.longValue());
                assertTrue(s.nextElement());
                s.skipDeferredValue();
                assertFalse(s.nextElement());
                s.expectEnd();
            }
        }
    }

    @Test
    void numbersHaveTheValuesPythonGivesThem() {
        String[] floats = {"1.5", "-0.0", "0.0", "1e2", "1E+2", "2.5e-3", "1e-400", "-1e-400", "1e400", "-1e400",
            "2.2250738585072014E-308", "4.9e-324", "1.7976931348623157e308", "702.1057499999998",
            "2765.1486500000005", "0.30000000000000004", "9007199254740993.0", "123456789012345678901234567890.5",
            "0.000000000000000000000000000001", "100000000000000000000000.0", "3.14159265358979323846264338327950288"};
        for (String f : floats) {
            for (JsonScanner s : scanners(f)) {
                assertTrue(s.readNumberOrSkip());
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f)), Double.doubleToRawLongBits(s.doubleValue()), f);
                s.expectEnd();
            }
        }
        String[] ints = {"0", "-0", "7", "-7", "9007199254740993", "9223372036854775807", "-9223372036854775808",
            "123456789012345678"};
        for (String i : ints) {
            for (JsonScanner s : scanners(" " + i + " ")) {
                assertTrue(s.readIntegerOrSkip());
                assertEquals(Long.parseLong(i), s.longValue(), i);
                // float(int): exact conversion, so the integer -0 is 0.0, not -0.0
                assertEquals(Double.doubleToRawLongBits((double) Long.parseLong(i)), Double.doubleToRawLongBits(s.doubleValue()), i);
            }
        }
        for (String big : new String[] {"9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"}) {
            for (JsonScanner s : scanners(big)) {
                assertTrue(s.readIntegerOrSkip());
                assertEquals(Double.parseDouble(big), s.doubleValue(), big);
                JsonInputException e = assertThrows(JsonInputException.class, s::longValue);
                assertFalse(e.invalidJson);
                assertTrue(e.getMessage().contains("does not fit a 64-bit integer"), e.getMessage());
            }
        }
        for (JsonScanner s : scanners("2147483648")) {
            s.readIntegerOrSkip();
            assertTrue(assertThrows(JsonInputException.class, s::intValue).getMessage().contains("32-bit"));
        }
        for (JsonScanner s : scanners("[1.0, 1e0, \"1\", null, 1]")) {
            assertTrue(s.enterArray());
            List<Boolean> integers = new ArrayList<>();
            do {
                integers.add(s.readIntegerOrSkip());
            } while (s.nextElement());
            assertEquals(List.of(false, false, false, false, true), integers);
        }
    }

    @Test
    void malformedNumbersAreRefusedWhereTheyGoWrong() {
        record Bad(String json, int offset, String says) {
        }
        for (Bad b : List.of(new Bad("01", 1, "expected the end of the file"), new Bad("1.", 2, "expected a digit after '.'"),
                new Bad("-", 1, "expected a digit"), new Bad("-a", 1, "expected a digit, found 'a'"),
                new Bad("1e", 2, "expected a digit in the exponent"), new Bad("1e+", 3, "in the exponent"),
                new Bad(".5", 0, "expected a value, found '.'"), new Bad("+1", 0, "expected a value"),
                new Bad("NaN", 0, "expected a value"), new Bad("-Infinity", 1, "expected a digit"),
                new Bad("[1 2]", 3, "expected ',' or ']', found '2'"), new Bad("[1,]", 3, "expected a value, found ']'"))) {
            JsonInputException e = error(b.json(), JsonScannerTest::skipDocument);
            assertTrue(e.invalidJson);
            assertEquals(b.offset(), e.offset, b.json() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(b.says()), b.json() + ": " + e.getMessage());
        }
    }

    @Test
    void malformedStringsAreRefused() {
        record Bad(byte[] json, int offset, String says) {
            Bad(String json, int offset, String says) {
                this(json.getBytes(StandardCharsets.UTF_8), offset, says);
            }
        }
        for (Bad b : List.of(new Bad("\"a\tb\"", 2, "control characters must be escaped"),
                new Bad("\"\\x\"", 2, "after '\\'"), new Bad("\"\\u12G4\"", 5, "4 hex digits"),
                new Bad(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, 1, "expected UTF-8 text"),
                new Bad(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, 2, "rest of a UTF-8 character"),
                new Bad(new byte[] {'"', (byte) 0x80, '"'}, 1, "expected UTF-8 text"),
                new Bad(new byte[] {'"', (byte) 0xE2, (byte) 0x82, '"'}, 3, "rest of a UTF-8 character"),
                new Bad(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, 2, "rest of a UTF-8"),
                new Bad("{\"a\" 1}", 5, "expected ':'"), new Bad("{a:1}", 1, "member name in double quotes"),
                new Bad("{\"a\":1,}", 7, "member name in double quotes"))) {
            JsonInputException e = error(b.json(), JsonScannerTest::skipDocument);
            assertEquals(b.offset(), e.offset, e.getMessage());
            assertTrue(e.getMessage().contains(b.says()), e.getMessage());
        }
    }

    @Test
    void everyTruncationIsRefusedAtTheEnd() {
        String doc = "{\"images\": [{\"id\": 1, \"file_name\": \"a\\u00e9\\\"😀.jpg\", \"h\": -1.5e-3}],"
                + " \"seg\": [[1, 2.5, 3], {\"counts\": \"ab\\\\c\", \"size\": [2, 3]}], \"ok\": true, \"no\": null}";
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = java.util.Arrays.copyOf(bytes, n);
            for (Consumer<JsonScanner> read : List.<Consumer<JsonScanner>>of(JsonScannerTest::skipDocument, s -> {
                s.skipDeferredValue();
                s.expectEnd();
            })) {
                JsonInputException e = error(prefix, read);
                assertTrue(e.invalidJson);
                assertEquals(n, e.offset, "prefix of " + n + " bytes: " + e.getMessage());
                assertTrue(e.getMessage().endsWith("found the end of the file"), e.getMessage());
            }
        }
        for (JsonScanner s : scanners(bytes)) {
            skipDocument(s);
        }
    }

    @Test
    void deferredSkipChecksBracketsStringsAndBytesButLeavesTheGrammarToTheParser() {
        assertTrue(error("[[1,2]}", s -> s.skipDeferredValue()).getMessage().contains("expected ']', found '}'"));
        assertTrue(error("{\"a\":[1]]", s -> s.skipDeferredValue()).getMessage().contains("expected '}', found ']'"));
        assertEquals(3, error("[1,x]", s -> s.skipDeferredValue()).offset);
        assertEquals(3, error(new byte[] {'[', '1', ',', (byte) 0xC3, (byte) 0xA9, ']'}, s -> s.skipDeferredValue()).offset);
        // grammar inside the brackets is checked when the value is parsed (CocoIndex.segmentation)
        for (JsonScanner s : scanners("[[1,,2 3]] ")) {
            s.skipDeferredValue();
            s.expectEnd();
        }
        // a value that is not a list or an object is skipped, and checked, in full
        assertEquals(2, error("1.x", s -> s.skipDeferredValue()).offset);
    }

    @Test
    void nestingDeeperThanPythonAllowsIsRefused() {
        String ok = "[".repeat(JsonScanner.MAX_DEPTH) + "]".repeat(JsonScanner.MAX_DEPTH);
        for (JsonScanner s : scanners(ok)) {
            skipDocument(s);
        }
        String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
        assertTrue(error(deep, JsonScannerTest::skipDocument).getMessage().contains("nested more than 1000 deep"));
        assertTrue(error(deep, s -> s.skipDeferredValue()).getMessage().contains("nested more than 1000 deep"));
    }

    @Test
    void literalsAndTrailingBytes() {
        for (JsonScanner s : scanners("[true,false,null]")) {
            skipDocument(s);
        }
        assertEquals(4, error("[tru]", JsonScannerTest::skipDocument).offset);
        assertEquals(4, error("[nul", JsonScannerTest::skipDocument).offset);
        assertEquals(6, error("[1,2] x", JsonScannerTest::skipDocument).offset);
        assertEquals(0, error("", JsonScannerTest::skipDocument).offset);
    }
}
