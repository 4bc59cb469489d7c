package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;

/** GeneratePoseTarget against PYSKL's own heatmaps: the shared golden rows and the extra recorded rows. */
class GeneratePoseTargetGoldenTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/heatmaps.jsonl.gz")
    void goldenHeatmapIsBitIdentical(String name, JsonNode row) {
        check(row, true);
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/heatmaps_extra.jsonl.gz")
    void recordedHeatmapIsBitIdentical(String name, JsonNode row) {
        check(row, row.get("has_score").asBoolean());
    }

    private static void check(JsonNode row, boolean hasScore) {
        float[] coords = SkeletonRows.floats(row.get("keypoint"));
        float[] scores = SkeletonRows.floats(row.get("keypoint_score"));
        JsonNode kp = row.get("keypoint");
        int persons = kp.size();
        int frames = kp.get(0).size();
        int joints = kp.get(0).get(0).size();
        PoseFrames pose = new PoseFrames(persons, frames, joints, coords, hasScore ? scores : null,
                row.get("img_shape").get(0).asInt(), row.get("img_shape").get(1).asInt());
        GeneratePoseTarget target = new GeneratePoseTarget(SkeletonRows.config(row.get("params")));
        assertArrayEquals(SkeletonRows.longs(row.get("shape")), target.shape(pose, HeatmapLayout.frames()));
        float[] expected = SkeletonRows.zlibFloats(row.get("heatmap_zlib_b64").asText());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(target.byteSize(pose));
            out.fill((byte) 0x7f); // every byte must be written
            target.generate(pose, HeatmapLayout.frames(), out);
            SkeletonRows.Difference d = SkeletonRows.compare(out, expected);
            assertEquals(0, d.differentBits(), () -> d.differentBits() + " of " + d.values() + " values differ, max |error| " + d.maxAbs()
                    + " for " + row.get("params"));
        }
    }
}
