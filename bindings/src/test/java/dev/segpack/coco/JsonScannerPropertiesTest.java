package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The scanner against Java's own parsers and Jackson's on random numbers and randomly broken documents. */
class JsonScannerPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void doublesAreCorrectlyRoundedInEveryWriting(@ForAll double d, @ForAll long seed) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return;
        }
        Random r = new Random(seed);
        String digits = randomDigits(r);
        for (String text : new String[] {Double.toString(d), new BigDecimal(d).toString(), new BigDecimal(d).toPlainString(),
            String.format(Locale.ROOT, "%.17e", d), String.format(Locale.ROOT, "%.15f", d), digits}) {
            for (JsonScanner s : JsonScannerTest.scanners(text)) {
                assertTrue(s.readNumberOrSkip(), text);
                assertEquals(Double.doubleToRawLongBits(pythonFloat(text)), Double.doubleToRawLongBits(s.doubleValue()), text);
            }
        }
    }

    /** float() of what json.load gives for {@code text}: an integer token converts exactly, so "-0" is 0.0. */
    private static double pythonFloat(String text) {
        return text.matches("-?\\d+") ? new BigDecimal(text).doubleValue() : Double.parseDouble(text);
    }

    /** A JSON number of random shape: up to 25 digits each side of the point, an exponent up to ±330. */
    private static String randomDigits(Random r) {
        StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
        int whole = r.nextInt(20);
        b.append(whole == 0 ? "0" : String.valueOf(1 + r.nextInt(9)));
        for (int i = 1; i < whole; i++) {
            b.append(r.nextInt(10));
        }
        if (r.nextBoolean()) {
            b.append('.');
            for (int i = 1 + r.nextInt(25); i > 0; i--) {
                b.append(r.nextInt(4) == 0 ? 0 : r.nextInt(10));
            }
        }
        if (r.nextBoolean()) {
            b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "-" : r.nextBoolean() ? "+" : "")
                    .append(r.nextInt(r.nextBoolean() ? 30 : 330));
        }
        return b.toString();
    }

    /**
     * The one-pass reader of polygon numbers gives what the general reader gives, or NaN and reads nothing:
     * random digit strings (runs of 0 to 25 digits, so every count of whole and partial words), leading
     * zeros, signs and exponents, each followed by the bytes a polygon has after a number.
     */
    @Property(tries = 3000)
    void plainNumbersAreTheGeneralReadersOrNothing(@ForAll long seed) {
        Random r = new Random(seed);
        String text = r.nextInt(4) == 0 ? randomDigits(r) : plainDigits(r);
        String after = new String[] {",", ", ", "]", "]]", "e5", ".", "x"}[r.nextInt(7)];
        byte[] bytes = (text + after + " ".repeat(40)).getBytes(StandardCharsets.UTF_8);
        JsonScanner plain = new JsonScanner(bytes);
        long before = plain.offset();
        double v = plain.plainNumber();
        if (Double.isNaN(v)) {
            assertEquals(before, plain.offset(), text);
            return;
        }
        JsonScanner general = new JsonScanner(bytes);
        assertTrue(general.readNumberOrSkip(), text);
        assertEquals(Double.doubleToRawLongBits(general.doubleValue()), Double.doubleToRawLongBits(v), text + after);
        assertEquals(general.offset(), plain.offset(), text + after);
    }

    /** An optional '-', 0 to 25 digits (a leading zero now and then), and maybe a point and 0 to 25 more. */
    private static String plainDigits(Random r) {
        StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
        for (int i = r.nextInt(26); i > 0; i--) {
            b.append(r.nextInt(10));
        }
        if (r.nextBoolean()) {
            b.append('.');
            for (int i = r.nextInt(26); i > 0; i--) {
                b.append(r.nextInt(10));
            }
        }
        return b.toString();
    }

    @Property(tries = 2000)
    void longsRoundTrip(@ForAll long v) {
        for (JsonScanner s : JsonScannerTest.scanners(Long.toString(v))) {
            assertTrue(s.readIntegerOrSkip());
            assertEquals(v, s.longValue());
            assertEquals((double) v, s.doubleValue());
        }
    }

    private static final String[] DOCUMENTS = {
        "{\"images\":[{\"id\":1,\"file_name\":\"a\\\"b\\\\c.jpg\",\"height\":4,\"width\":5}],\"annotations\":[{\"id\":2,"
            + "\"segmentation\":[[1.5,2,3e2,-4.25E-1]],\"bbox\":[0,0,1,1],\"iscrowd\":false,\"x\":null}]}",
        "[{\"a\": [1, {\"b\": \"]}\"}, []], \"c\": {\"d\": [true, false, null]}}, -0.0, 1e-3, \"\\u00e9\\n\"]",
        "{\"segmentation\": {\"size\": [2, 3], \"counts\": [0, 6]}, \"k\": [[[]], {}], \"s\": \"[{\\\"\"}",
    };
    private static final String ALPHABET = "{}[]\",:0123456789.eE+- \t\n\\/utrfalsnx\u00e9";

    /**
     * A document with random edits is accepted by {@link JsonScanner#skipValue} exactly when Jackson
     * (strict by default, as Python's json is) accepts it, and refused at the same offset whatever the chunking.
     */
    @Property(tries = 3000)
    void brokenDocumentsAreRefusedExactlyWhenJacksonRefusesThem(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder doc = new StringBuilder(DOCUMENTS[r.nextInt(DOCUMENTS.length)]);
        for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            int at = r.nextInt(doc.length() + 1);
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            switch (r.nextInt(3)) {
                case 0 -> doc.insert(at, c);
                case 1 -> doc.deleteCharAt(Math.min(at, doc.length() - 1));
                default -> doc.setCharAt(Math.min(at, doc.length() - 1), c);
            }
        }
        byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
        boolean jacksonAccepts = jacksonAccepts(bytes);
        String verdict = null;
        for (JsonScanner s : JsonScannerTest.scanners(bytes)) {
            String v;
            try {
                s.skipValue();
                s.expectEnd();
                v = "valid";
            } catch (JsonInputException e) {
                v = e.offset + ": " + e.getMessage();
            }
            if (verdict == null) {
                verdict = v;
                assertEquals(jacksonAccepts, v.equals("valid"), doc + " -> " + v);
            } else {
                assertEquals(verdict, v, doc.toString());
            }
        }
    }

    private static boolean jacksonAccepts(byte[] bytes) {
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            return JSON.readTree(p) != null && p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
