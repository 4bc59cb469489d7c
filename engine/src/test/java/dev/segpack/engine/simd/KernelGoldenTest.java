package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.pose.PoseRows;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.GoldenBlobs;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Both kernel implementations, directly, on every golden encode and label-map row, in both orders,
 * and on every golden packed pose row.
 */
class KernelGoldenTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/encode.jsonl.gz")
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

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/labelmap.jsonl.gz")
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

    /** The pose kernel under PosePacker, from the annotations' runs as PosePacker gives them. */
    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/packed.jsonl.gz")
    void packed(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        PosePacker.Layers layers = PosePacker.Layers.of(PoseRows.annotations(g), h, w);
        byte[] expected = GoldenBlobs.zlibBase64(g.get("encoding_zlib_b64").asText());
        for (MaskKernels k : TestMasks.both()) {
            byte[] painted = new byte[h * w];
            k.paintPose(layers.instances(), layers.crowd(), layers.unannotated(), h, w, PoseEncoding.NARROW,
                    MemorySegment.ofArray(painted));
            assertArrayEquals(expected, painted, row + " " + k.name());
        }
    }
}
