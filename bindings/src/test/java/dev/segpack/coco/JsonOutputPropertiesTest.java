package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.Json;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * What the rewriter writes without Jackson is what Jackson's generator wrote: strings, integers, and
 * unchanged scalars (read by Jackson and written back, as the rewriter did before).
 */
class JsonOutputPropertiesTest {

    /** Characters that each take a different way through a JSON writer. */
    private static final String CHARS = "a0o\\\"/ ~\u007f\u0000\u0001\n\t\u001f\u00e9\u07ff\u0800\uffff\ud83d\ude00\ud800\udc00";

    @Property(tries = 2000)
    void stringsAreJacksons(@ForAll long seed) {
        String s = randomString(new Random(seed));
        assertWrittenAsJackson(s, out -> out.string(s));
    }

    /** Counts strings: chars '0'..'o', a backslash among them now and then. */
    @Property(tries = 1000)
    void countsStringsAreJacksons(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder counts = new StringBuilder();
        for (int n = r.nextInt(300); n > 0; n--) {
            counts.append((char) ('0' + r.nextInt(64)));
        }
        String s = counts.toString();
        assertWrittenAsJackson(s, out -> out.string(s));
    }

    /** What {@code write} writes is what Jackson's writeString writes of {@code s}. */
    private static void assertWrittenAsJackson(String s, Consumer<JsonOutput> write) {
        JsonOutput out = new JsonOutput(0);
        write.accept(out);
        assertEquals(text(JsonText.render(gen -> gen.writeString(s))), text(out.toByteArray()), s);
    }

    /** A mask's counts string encoded straight into the output, after what is there already, is the String's. */
    @Property(tries = 1000)
    void countsOfAnRleAreItsStringsJson(@ForAll long seed) {
        Random r = new Random(seed);
        int[] counts = new int[r.nextInt(200)];
        long pixels = 0;
        for (int i = 0; i < counts.length; i++) {
            // small runs and large ones: the string's chars cover '0'..'o', backslashes among them
            counts[i] = r.nextBoolean() ? r.nextInt(40) : r.nextInt(1 << 20);
            pixels += counts[i];
        }
        Rle rle = Rle.of(1, (int) pixels, counts);
        JsonOutput out = new JsonOutput(r.nextInt(40));
        out.add('x');
        out.countsString(rle);
        JsonOutput viaString = new JsonOutput(0);
        viaString.add('x');
        viaString.string(RleString.encode(rle));
        assertEquals(text(viaString.toByteArray()), text(out.toByteArray()));
    }

    @Property(tries = 1000)
    void integersAreJacksons(@ForAll long v) {
        JsonOutput out = new JsonOutput(0);
        out.decimal(v);
        assertEquals(text(JsonText.render(gen -> gen.writeNumber(v))), text(out.toByteArray()));
    }

    /** An unchanged scalar (a string as JSON writes it, with or without escapes; a number; a literal) written back. */
    @Property(tries = 2000)
    void scalarsAreCopiedAsJacksonRewroteThem(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        String value = switch (r.nextInt(4)) {
            case 0 -> String.valueOf(r.nextLong());
            case 1 -> String.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
            case 2 -> new String[] {"true", "false", "null", "-0", "1E+2"}[r.nextInt(5)];
            default -> jsonString(r);
        };
        byte[] json = value.getBytes(StandardCharsets.UTF_8);
        JsonOutput out = new JsonOutput(0);
        AnnotationFields.copyScalar(json, out);
        assertEquals(text(jacksonRewrite(json)), text(out.toByteArray()), value);
    }

    private static byte[] jacksonRewrite(byte[] json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            String text = p.getText();
            return JsonText.render(gen -> {
                switch (t) {
                    case VALUE_STRING -> gen.writeString(text);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> gen.writeNumber(text);
                    case VALUE_TRUE, VALUE_FALSE -> gen.writeBoolean(t == JsonToken.VALUE_TRUE);
                    default -> gen.writeNull();
                }
            });
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(12); n > 0; n--) {
            s.append(r.nextInt(3) == 0 ? CHARS.charAt(r.nextInt(CHARS.length())) : (char) (' ' + r.nextInt(95)));
        }
        return s.toString();
    }

    /** A JSON string literal: characters as they are, or escaped in any of JSON's ways. */
    private static String jsonString(Random r) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : randomString(r).toCharArray()) {
            switch (r.nextInt(3)) {
                case 0 -> s.append(String.format("\\u%04x", (int) c));
                case 1 -> s.append(c == '"' || c == '\\' || c == '/' ? "\\" + c : c < 0x20 ? String.format("\\u%04X", (int) c)
                        : String.valueOf(c));
                default -> s.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? "\\n" : String.valueOf(c));
            }
        }
        return s.append('"').toString();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
