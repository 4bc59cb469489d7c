package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the pycocotools golden files, reproduced exactly. */
class GoldenParityTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/encode.jsonl.gz")
    void encode(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        int[] counts = Testdata.ints(g.get("counts"));
        for (Order order : Order.values()) {
            Rle rle = MaskApi.encode(GoldenRows.maskOf(counts, h, w, order));
            assertArrayEquals(counts, rle.counts(), row + " " + order);
            assertEquals(g.get("string").asText(), RleString.encode(rle), row);
            assertEquals(g.get("area").asLong(), MaskApi.area(rle), row);
            assertEquals(GoldenRows.bbox(g.get("bbox")), MaskApi.toBbox(rle), row);
        }
        Rle parsed = RleString.decode(h, w, g.get("string").asText());
        assertArrayEquals(counts, parsed.counts(), row);
        try (Arena arena = Arena.ofConfined()) {
            for (Order order : Order.values()) {
                Mask decoded = MaskApi.decode(parsed, arena, order);
                assertArrayEquals(GoldenRows.maskOf(counts, h, w, order).toArray(order), decoded.toArray(order), row);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/uncompressed.jsonl.gz")
    void uncompressed(String row, JsonNode g) {
        Rle rle = Rle.of(g.get("h").asInt(), g.get("w").asInt(), Testdata.ints(g.get("counts")));
        assertEquals(g.get("string").asText(), RleString.encode(rle), row);
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/merge.jsonl.gz")
    void merge(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        Rle merged = MaskApi.merge(GoldenRows.rles(g.get("inputs"), h, w), g.get("intersect").asBoolean());
        assertEquals(g.get("string").asText(), RleString.encode(merged), row);
        assertEquals(g.get("area").asLong(), MaskApi.area(merged), row);
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/iou.jsonl.gz")
    void iou(String row, JsonNode g) {
        JsonNode crowdFlags = g.get("iscrowd");
        boolean[] crowd = new boolean[crowdFlags.size()];
        for (int i = 0; i < crowd.length; i++) {
            crowd[i] = crowdFlags.get(i).asInt() != 0;
        }
        double[][] actual;
        if (g.get("kind").asText().equals("rle")) {
            int h = g.get("h").asInt(), w = g.get("w").asInt();
            actual = MaskApi.iou(GoldenRows.rles(g.get("dt"), h, w), GoldenRows.rles(g.get("gt"), h, w), crowd);
        } else {
            List<Bbox> dt = new ArrayList<>();
            List<Bbox> gt = new ArrayList<>();
            g.get("dt").forEach(b -> dt.add(GoldenRows.bbox(b)));
            g.get("gt").forEach(b -> gt.add(GoldenRows.bbox(b)));
            actual = MaskApi.bbIou(dt, gt, crowd);
        }
        JsonNode expected = g.get("iou");
        assertEquals(expected.size(), actual.length, row);
        for (int d = 0; d < actual.length; d++) {
            assertArrayEquals(Testdata.doubles(expected.get(d)), actual[d], 0.0, row + " dt " + d);
        }
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/polygon.jsonl.gz")
    void polygon(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        List<Rle> parts = new ArrayList<>();
        JsonNode polygons = g.get("polygons");
        for (int i = 0; i < polygons.size(); i++) {
            Rle part = MaskApi.frPoly(Testdata.doubles(polygons.get(i)), h, w);
            assertEquals(g.get("parts").get(i).asText(), RleString.encode(part), row + " part " + i);
            parts.add(part);
        }
        Rle union = MaskApi.merge(parts, false);
        assertEquals(g.get("string").asText(), RleString.encode(union), row);
        assertEquals(g.get("area").asLong(), MaskApi.area(union), row);
        assertEquals(GoldenRows.bbox(g.get("bbox")), MaskApi.toBbox(union), row);
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/bbox.jsonl.gz")
    void bbox(String row, JsonNode g) {
        Rle rle = MaskApi.frBbox(GoldenRows.bbox(g.get("bbox")), g.get("h").asInt(), g.get("w").asInt());
        assertEquals(g.get("string").asText(), RleString.encode(rle), row);
        assertEquals(g.get("area").asLong(), MaskApi.area(rle), row);
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/malformed.jsonl.gz")
    void malformed(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        int[] counts = Testdata.ints(g.get("counts"));
        assertThrows(MalformedRleException.class, () -> Rle.of(h, w, counts), row);
        String asString = RleString.encode(Rle.of(1, sum(counts), counts));
        assertThrows(MalformedRleException.class, () -> RleString.decode(h, w, asString), row);
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void emptySizeEncodesToOneZeroRun(Order order) {
        Rle rle = MaskApi.encode(Mask.ofArray(new byte[0], 0, 0, order));
        assertEquals("0", RleString.encode(rle));
    }
}
