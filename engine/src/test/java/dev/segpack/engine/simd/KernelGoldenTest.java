package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.GoldenBlobs;
import dev.segpack.engine.testing.Testdata;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernel implementations, directly, on every golden encode and label-map row, in both orders,
 * and on every golden packed pose row.
 */
class KernelGoldenTest {

    static Stream<Arguments> rows(String file) {
        List<JsonNode> rows = Testdata.jsonLines("golden/" + file);
        return IntStream.range(0, rows.size()).mapToObj(i -> Arguments.of(file + ":" + (i + 1), rows.get(i)));
    }

    static Stream<Arguments> encode() {
        return rows("encode.jsonl.gz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void encode(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        int[] counts = Testdata.ints(g.get("counts"));
        byte[] px = TestMasks.pixels(counts, h, w);
        RunLengths runs = new RunLengths(16);
        for (MaskKernels k : TestMasks.both()) {
            for (Order order : Order.values()) {
                k.encode(TestMasks.mask(px, h, w, order), runs);
                assertArrayEquals(counts, runs.toArray(), row + " " + k.name() + " encode " + order);
                try (Arena arena = Arena.ofConfined()) {
                    Mask out = Mask.allocate(arena, h, w, order);
                    k.decode(counts, counts.length, out);
                    assertArrayEquals(px, out.toArray(Order.ROW_MAJOR), row + " " + k.name() + " decode " + order);
                }
            }
        }
    }

    static Stream<Arguments> labelmap() {
        return rows("labelmap.jsonl.gz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void labelmap(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        LabelType type = LabelType.valueOf(g.get("dtype").asText().toUpperCase());
        byte[] rowMajor = GoldenBlobs.zlibBase64(g.get("labels_zlib_b64").asText());
        assertEquals((long) h * w * type.bytes, rowMajor.length, row);
        Map<Integer, String> expected = new TreeMap<>();
        g.get("rles").properties().forEach(e -> expected.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
        try (Arena arena = Arena.ofConfined()) {
            LabelMap given = new LabelMap(MemorySegment.ofArray(rowMajor), h, w, type, Order.ROW_MAJOR);
            LabelMap columnMajor = LabelMap.allocate(arena, h, w, type, Order.COLUMN_MAJOR);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    columnMajor.setFlat(Order.COLUMN_MAJOR.index(y, x, h, w), given.get(y, x));
                }
            }
            for (LabelMap map : List.of(given, columnMajor)) {
                for (MaskKernels k : TestMasks.both()) {
                    LabelRuns runs = k.encodeLabels(map);
                    Map<Integer, String> actual = new TreeMap<>();
                    for (int i = 0; i < runs.size(); i++) {
                        actual.put(runs.label(i), RleString.encode(Rle.of(h, w, runs.counts(i))));
                    }
                    assertEquals(expected, actual, row + " " + k.name() + " " + map.order());
                }
                Map<Integer, String> api = new TreeMap<>();
                MaskApi.encodeLabels(map).forEach((label, rle) -> api.put(label, RleString.encode(rle)));
                assertEquals(expected, api, row + " MaskApi.encodeLabels " + map.order());
            }
        }
    }

    static Stream<Arguments> packed() {
        return rows("packed.jsonl.gz");
    }

    /** The pose kernel under PosePacker, from the annotations' runs as PosePacker gives them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void packed(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        List<int[]> instances = new ArrayList<>();
        List<Rle> crowd = new ArrayList<>(), unannotated = new ArrayList<>();
        for (JsonNode a : g.get("annotations")) {
            Rle mask = annToRle(a.get("segmentation"), h, w);
            if (a.get("iscrowd").asInt() != 0) {
                crowd.add(mask);
            } else {
                instances.add(mask.counts());
                if (a.get("num_keypoints").asInt() == 0) {
                    unannotated.add(mask);
                }
            }
        }
        byte[] expected = GoldenBlobs.zlibBase64(g.get("encoding_zlib_b64").asText());
        for (MaskKernels k : TestMasks.both()) {
            byte[] painted = new byte[h * w];
            k.paintPose(instances.toArray(int[][]::new), union(crowd, h, w), union(unannotated, h, w), h, w,
                    PoseEncoding.NARROW, MemorySegment.ofArray(painted));
            assertArrayEquals(expected, painted, row + " " + k.name());
        }
    }

    private static int[] union(List<Rle> masks, int h, int w) {
        return masks.isEmpty() ? new int[] {h * w} : MaskApi.merge(masks, false).counts();
    }

    /** annToRLE: polygons rasterised one by one and merged; an RLE dict taken as it is. */
    private static Rle annToRle(JsonNode s, int h, int w) {
        if (s.isArray()) {
            List<Rle> parts = new ArrayList<>();
            s.forEach(p -> parts.add(MaskApi.frPoly(Testdata.doubles(p), h, w)));
            return MaskApi.merge(parts, false);
        }
        int rh = s.get("size").get(0).asInt(), rw = s.get("size").get(1).asInt();
        return s.get("counts").isArray() ? Rle.of(rh, rw, Testdata.ints(s.get("counts")))
                : RleString.decode(rh, rw, s.get("counts").asText());
    }
}
