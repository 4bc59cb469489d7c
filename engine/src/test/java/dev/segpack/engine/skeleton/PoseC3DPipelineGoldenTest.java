package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The PoseC3D test pipeline against the toolbox's volumes for annotations of numpy1_p4.pkl, read
 * from the pickle's JSON twin (numpy1.json: arrays as {dtype, shape, values}).
 */
class PoseC3DPipelineGoldenTest {

    private static JsonNode numpy1;

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/pipeline.jsonl.gz")
    void volumeIsBitIdentical(String name, JsonNode row) throws IOException {
        PoseFrames annotation = annotation(row.get("frame_dir").asText());
        JsonNode config = row.get("config");
        int clipLen = config.get("clip_len").asInt();
        int numClips = config.get("num_clips").asInt();
        PoseTargetConfig target = (config.get("limb").asBoolean() ? PoseTargetConfig.limbs() : PoseTargetConfig.keypoints())
                .withDoubled(config.get("double").asBoolean());
        PoseC3DTestPipeline pipeline = new PoseC3DTestPipeline(clipLen, numClips,
                config.get("scale").get(0).asInt(), config.get("scale").get(1).asInt(), target);

        assertArrayEquals(Testdata.ints(row.get("frame_inds")),
                new UniformSampleFrames(clipLen, numClips).testFrameIndices(annotation.frames(), 0));
        PoseFrames prepared = pipeline.prepare(annotation);
        assertArrayEquals(Testdata.ints(row.get("img_shape")), new int[] {prepared.height(), prepared.width()});
        assertArrayEquals(Testdata.ints(row.get("keypoint_after_resize_shape")),
                new int[] {prepared.persons(), prepared.frames(), prepared.joints(), 2});
        assertArrayEquals(SkeletonRows.longs(row.get("shape")), pipeline.shape(prepared));

        float[] expected = SkeletonRows.zlibFloats(row.get("volume_zlib_b64").asText());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate((long) expected.length * Float.BYTES);
            out.fill((byte) 0x7f);
            pipeline.generate(prepared, out);
            SkeletonRows.Difference d = SkeletonRows.compare(out, expected);
            assertEquals(0, d.differentBits(), () -> d.differentBits() + " of " + d.values() + " values differ, max |error| "
                    + d.maxAbs() + " for " + row.get("frame_dir") + " " + config);
        }
    }

    /** The annotation {@code frameDir} of numpy1.json as the pickle holds it (float16 widened exactly). */
    static synchronized PoseFrames annotation(String frameDir) throws IOException {
        if (numpy1 == null) {
            numpy1 = new ObjectMapper().readTree(Testdata.path("skeleton/numpy1.json").toFile());
        }
        for (JsonNode a : numpy1.get("annotations")) {
            if (a.get("frame_dir").asText().equals(frameDir)) {
                int[] shape = Testdata.ints(a.get("keypoint").get("shape"));
                return PoseFrames.fromFloat16(shape[0], shape[1], shape[2], float16(a.get("keypoint")),
                        float16(a.get("keypoint_score")), a.get("img_shape").get(0).asInt(), a.get("img_shape").get(1).asInt());
            }
        }
        throw new IllegalStateException("no annotation " + frameDir + " in numpy1.json");
    }

    private static short[] float16(JsonNode array) {
        if (!array.get("dtype").asText().equals("float16")) {
            throw new IllegalStateException("expected a float16 array, not " + array.get("dtype"));
        }
        JsonNode values = array.get("values");
        short[] out = new short[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToFloat16((float) values.get(i).asDouble());
        }
        return out;
    }
}
