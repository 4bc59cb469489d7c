package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import org.junit.jupiter.params.ParameterizedTest;

/** PoseCompact against PYSKL's on keypoints with zeros, NaNs and out-of-image points (pose_compact.jsonl.gz). */
class PoseCompactTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/pose_compact.jsonl.gz")
    void sameAsPyskl(String name, JsonNode row) {
        int[] shape = Testdata.ints(row.get("shape"));
        int[] img = Testdata.ints(row.get("img_shape"));
        PoseFrames in = new PoseFrames(shape[0], shape[1], shape[2], SkeletonRows.float32Bits(row.get("keypoint_f32")), null,
                img[0], img[1]);
        double[] hw = row.get("hw_ratio").isNull() ? null : Testdata.doubles(row.get("hw_ratio"));
        PoseFrames out = new PoseCompact(row.get("padding").asDouble(), row.get("threshold").asDouble(), hw,
                row.get("allow_imgpad").asBoolean()).apply(in);
        assertArrayEquals(Testdata.ints(row.get("out_img_shape")), new int[] {out.height(), out.width()});
        float[] expected = SkeletonRows.float32Bits(row.get("out_keypoint_f32"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(out.coords()[i]), "value " + i);
        }
    }
}
