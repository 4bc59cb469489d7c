package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.io.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link AnnotationScan} gives exactly the polygons and RLEs Jackson's {@link Segmentation#parse}
 * gives and the keypoint numbers Jackson's parser gives, and leaves everything else to Jackson.
 */
class AnnotationScanPropertiesTest {

    @Property(tries = 1000)
    void polygonsAreJacksonsBitForBit(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder json = new StringBuilder(" [");
        int longest = 0;
        for (int part = r.nextInt(4); part >= 0; part--) {
            json.append('[');
            for (int v = r.nextInt(12); v > 0; v--) {
                String number = number(r);
                longest = Math.max(longest, number.length());
                json.append(number).append(v > 1 ? r.nextBoolean() ? ", " : "," : "");
            }
            json.append(']').append(part > 0 ? "," : "");
        }
        json.append("]\n");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        // read as the converter reads it, a slice of the annotation's bytes with more after it
        byte[] annotation = ("{\"segmentation\": " + json + ", \"id\": 12345678}").getBytes(StandardCharsets.UTF_8);
        Segmentation.Polygons scanned = (Segmentation.Polygons) AnnotationScan.of(annotation, 17, value.length);
        Segmentation.Polygons parsed = assertInstanceOf(Segmentation.Polygons.class, jackson(value), json.toString());
        if (longest > 32) {
            assertNull(scanned, json.toString());
        } else {
            assertArrayEquals(parsed.parts(), scanned.parts(), json.toString());
        }
    }

    /** RLE objects, well formed or not: each read here is the one Jackson reads; the others are left to it. */
    @Property(tries = 2000)
    void rlesAreJacksons(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        String[] sizes = {"[2, 3]", "[0, 0]", "[2147483647, 1]", "[2147483648, 1]", "[-1, 3]", "[-0, 3]", "[2]",
            "[2, 3, 4]", "[2.0, 3]", "[1e2, 3]", "\"2,3\"", "[" + "9".repeat(19) + ", 1]", "[00, 1]"};
        String[] counts = {"[]", "[6]", "[0, 4294967295]", "[4294967296]", "[-1]", "[1.5]", "[" + "1".repeat(20) + "]",
            "[1, \"2\"]", "\"06\"", "\"\"", "\"0\\\\6\"", "\"\\u0030\"", "\"\u00e9\"", "6", "null", "[1,, 2]"};
        StringBuilder json = new StringBuilder("{");
        for (int m = r.nextInt(5); m >= 0; m--) {
            switch (r.nextInt(4)) {
                case 0 -> json.append("\"size\": ").append(sizes[r.nextInt(sizes.length)]);
                case 1 -> json.append("\"counts\": ").append(counts[r.nextInt(counts.length)]);
                case 2 -> json.append("\"c\\u006funts\": ").append(counts[r.nextInt(counts.length)]);
                default -> json.append("\"other\": {\"size\": [1]}");
            }
            json.append(m > 0 ? ", " : "");
        }
        json.append("}");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        Segmentation scanned = AnnotationScan.of(value, 0, value.length);
        if (scanned == null) {
            return; // left to Jackson
        }
        Segmentation parsed = jackson(value);
        switch (scanned) {
            case Segmentation.UncompressedRle u -> {
                Segmentation.UncompressedRle j = assertInstanceOf(Segmentation.UncompressedRle.class, parsed, json.toString());
                assertEquals(List.of(j.h(), j.w()), List.of(u.h(), u.w()), json.toString());
                assertArrayEquals(j.counts(), u.counts(), json.toString());
            }
            case Segmentation.CompressedRle c -> assertEquals(parsed, c, json.toString());
            case Segmentation.Polygons p -> throw new AssertionError(json.toString());
        }
    }

    @Property(tries = 300)
    void anythingButTheUsualFormsIsLeftToJackson(@ForAll long seed) {
        Random r = new Random(seed);
        String[] others = {"[[1, 2, \"3\"]]", "[[1, 2], 3]", "[[1, 2], {}]",
            "[[1, 2, null]]", "[[1,, 2]]", "[[1, 2]", "[[01, 2]]", "[[NaN, 1]]", "[[1, 2]] x",
            "[[" + "1".repeat(40) + "]]", "\"oops\"", "null", "{}", "{\"size\": [2, 3]}", "{\"counts\": \"06\"}",
            "{\"size\": [2, 3], \"size\": [2, 3], \"counts\": \"06\"}", "{\"size\": [2, 3], \"counts\": \"06\"} x",
            "{\"size\": [2, 3], \"counts\": [1, 2], \"counts\": \"06\"}"};
        String text = others[r.nextInt(others.length)];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertNull(AnnotationScan.of(bytes, 0, bytes.length), text);
    }

    @Property(tries = 1000)
    void numberListsAreJacksonsBitForBit(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder json = new StringBuilder(" [");
        int longest = 0;
        for (int v = r.nextInt(60); v > 0; v--) {
            String number = number(r);
            longest = Math.max(longest, number.length());
            json.append(number).append(v > 1 ? r.nextBoolean() ? ", " : "," : "");
        }
        json.append("]\n");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] annotation = ("{\"keypoints\": " + json + ", \"id\": 12345678}").getBytes(StandardCharsets.UTF_8);
        double[] scanned = AnnotationScan.numberList(annotation, 14, value.length);
        if (longest > 32) {
            assertNull(scanned, json.toString());
        } else {
            assertArrayEquals(jacksonDoubles(value), scanned, json.toString());
        }
    }

    @Property(tries = 100)
    void anythingButAListOfNumbersIsLeftToJackson(@ForAll long seed) {
        Random r = new Random(seed);
        String[] others = {"{}", "[1, 2, \"3\"]", "[[1, 2]]", "[1, null]", "[1,, 2]", "[1, 2", "[01, 2]", "[1] x",
            "[" + "1".repeat(40) + "]", "12"};
        String text = others[r.nextInt(others.length)];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertNull(AnnotationScan.numberList(bytes, 0, bytes.length), text);
    }

    /** The literal definition: each element of the list as Jackson's getDoubleValue gives it. */
    private static double[] jacksonDoubles(byte[] value) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(value)) {
            p.nextToken();
            List<Double> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(p.getDoubleValue());
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static Segmentation jackson(byte[] value) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(value)) {
            p.nextToken();
            return Segmentation.parse(p);
        }
    }

    /** A coordinate as files write it: integers, 2 decimals, 17 digits, exponents, −0. */
    private static String number(Random r) {
        double d = (r.nextDouble() - 0.2) * Math.pow(10, r.nextInt(7));
        return switch (r.nextInt(6)) {
            case 0 -> String.valueOf((long) d);
            case 1 -> String.format(Locale.ROOT, "%.2f", d);
            case 2 -> Double.toString(d);
            case 3 -> String.format(Locale.ROOT, "%.17e", d);
            case 4 -> new BigDecimal(d).toPlainString();
            default -> r.nextBoolean() ? "-0" : "-0.0";
        };
    }
}
