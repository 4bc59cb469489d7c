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
 * {@link AnnotationScan} gives exactly the polygons and uncompressed RLEs Jackson's {@link Segmentation#parse}
 * gives and the keypoint lists Jackson's doubles give, and leaves everything else to Jackson.
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
                json.append(number).append(v > 1 ? ", " : "");
            }
            json.append(']').append(part > 0 ? "," : "");
        }
        json.append("]\n");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        // read as the converter reads it, a slice of the annotation's bytes with more after it
        byte[] annotation = ("{\"segmentation\": " + json + ", \"id\": 12345678}").getBytes(StandardCharsets.UTF_8);
        Segmentation.Polygons scanned = AnnotationScan.polygons(annotation, 17, value.length);
        Segmentation.Polygons parsed = assertInstanceOf(Segmentation.Polygons.class, jackson(value), json.toString());
        if (longest > 32) {
            assertNull(scanned, json.toString());
        } else {
            assertArrayEquals(parsed.parts(), scanned.parts(), json.toString());
        }
    }

    @Property(tries = 300)
    void anythingButPolygonsOfNumbersIsLeftToJackson(@ForAll long seed) {
        Random r = new Random(seed);
        String[] others = {"{\"size\": [2, 3], \"counts\": \"06\"}", "[[1, 2, \"3\"]]", "[[1, 2], 3]", "[[1, 2], {}]",
            "[[1, 2, null]]", "[[1,, 2]]", "[[1, 2]", "[[01, 2]]", "[[NaN, 1]]", "[[1, 2]] x",
            "[[" + "1".repeat(40) + "]]"};
        String text = others[r.nextInt(others.length)];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertNull(AnnotationScan.polygons(bytes, 0, bytes.length), text);
    }

    @Property(tries = 1000)
    void numberListsAreJacksonsBitForBit(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder json = new StringBuilder(" [");
        int longest = 0;
        for (int v = r.nextInt(60); v > 0; v--) {
            String number = number(r);
            longest = Math.max(longest, number.length());
            json.append(number).append(v > 1 ? ", " : "");
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

    @Property(tries = 500)
    void uncompressedRlesAreJacksons(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder counts = new StringBuilder("[");
        for (int v = r.nextInt(200); v > 0; v--) {
            long c = r.nextInt(10) == 0 ? r.nextLong(1L << 32) : r.nextInt(1000);
            counts.append(c).append(v > 1 ? ", " : "");
        }
        counts.append(']');
        String size = "[" + r.nextInt(5000) + ", " + r.nextInt(5000) + "]";
        String json = r.nextBoolean() ? "{\"size\": " + size + ", \"counts\": " + counts + "}"
                : " {\"counts\":" + counts + ",\"size\":" + size + "} ";
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        Segmentation.UncompressedRle parsed = assertInstanceOf(Segmentation.UncompressedRle.class, jackson(value), json);
        Segmentation.UncompressedRle scanned = AnnotationScan.uncompressedRle(value, 0, value.length);
        assertEquals(parsed.h(), scanned.h(), json);
        assertEquals(parsed.w(), scanned.w(), json);
        assertArrayEquals(parsed.counts(), scanned.counts(), json);
    }

    @Property(tries = 100)
    void anythingButAnUncompressedRleIsLeftToJackson(@ForAll long seed) {
        Random r = new Random(seed);
        String[] others = {"{\"size\": [2, 3], \"counts\": \"06\"}", "{\"size\": [2, 3]}", "{\"counts\": [6]}",
            "{\"size\": [2, 3], \"counts\": [6], \"x\": 1}", "{\"size\": [2, 3], \"size\": [3, 2], \"counts\": [6]}",
            "{\"size\": [2], \"counts\": [6]}", "{\"size\": [2, 3, 1], \"counts\": [6]}", "{\"size\": [-2, 3], \"counts\": [6]}",
            "{\"size\": [2, 3], \"counts\": [4294967296]}", "{\"size\": [2, 3], \"counts\": [-1]}",
            "{\"size\": [2, 3], \"counts\": [6.0]}", "{\"size\": [2147483648, 1], \"counts\": [6]}",
            "{\"size\": [2, 3], \"counts\": [" + "9".repeat(30) + "]}", "{\"size\": [2, 3], \"counts\": [6]} x", "{}"};
        String text = others[r.nextInt(others.length)];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertNull(AnnotationScan.uncompressedRle(bytes, 0, bytes.length), text);
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
