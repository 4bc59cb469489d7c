package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** DecompressPose against PYSKL's on the compressed samples and synthetic crowded items (decompress.jsonl.gz). */
class DecompressPoseTest {

    private static final String ROWS = "skeleton/decompress.jsonl.gz";

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource(ROWS)
    void sameAsPyskl(String name, JsonNode row) {
        DecompressPose.Decompressed d = new DecompressPose(row.get("squeeze").asBoolean(), row.get("max_person").asInt())
                .apply(compressed(row.get("input")));
        JsonNode out = row.get("output");
        int[] shape = Testdata.ints(out.get("shape"));
        assertArrayEquals(shape, new int[] {d.persons(), d.totalFrames(), d.joints(), 2});
        assertEquals(out.get("total_frames").asInt(), d.totalFrames());
        assertArrayEquals(SkeletonRows.halves(out.get("keypoint_f16")), d.keypoint());
        assertArrayEquals(SkeletonRows.halves(out.get("keypoint_score_f16")), d.score());
    }

    @Test
    void rowsCoverTheReorderingAndTheSqueeze() {
        List<JsonNode> rows = Testdata.jsonLines(ROWS);
        assertTrue(rows.stream().anyMatch(r -> r.get("output").get("shape").get(0).asInt() == r.get("max_person").asInt()
                && r.get("max_person").asInt() < 10));
        assertTrue(rows.stream().anyMatch(r -> !r.get("input").get("anno_inds").isNull()));
    }

    @Test
    void refusesWhatTheOriginalCannotDo() {
        short[] kp = new short[2 * 3];
        assertThrows(IllegalArgumentException.class,
                () -> new DecompressPose().apply(new DecompressPose.Compressed(5, 1, kp, new int[] {3, 1}, null)));
        assertThrows(IllegalArgumentException.class,
                () -> new DecompressPose(false, 10).apply(new DecompressPose.Compressed(3, 1, kp, new int[] {1, 3}, null)));
        assertThrows(IllegalArgumentException.class,
                () -> new DecompressPose(false, 10).apply(new DecompressPose.Compressed(3, 1, kp, new int[] {-1, 0}, null)));
        short nan = Float.floatToFloat16(Float.NaN);
        short[] nanScores = {0, 0, nan, 0, 0, 0};
        assertThrows(IllegalArgumentException.class,
                () -> new DecompressPose(true, 1).apply(new DecompressPose.Compressed(1, 1, nanScores, new int[] {0, 0}, null)));
    }

    private static DecompressPose.Compressed compressed(JsonNode input) {
        JsonNode anno = input.get("anno_inds");
        return new DecompressPose.Compressed(input.get("total_frames").asInt(), input.get("joints").asInt(),
                SkeletonRows.halves(input.get("keypoint_f16")), Testdata.ints(input.get("frame_inds")),
                anno.isNull() ? null : Testdata.ints(anno));
    }
}
