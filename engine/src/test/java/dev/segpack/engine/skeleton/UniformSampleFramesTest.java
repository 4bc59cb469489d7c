package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Test-mode frame sampling against PYSKL's on a grid of videos and clip settings (uniform_sample_frames.jsonl.gz). */
class UniformSampleFramesTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/uniform_sample_frames.jsonl.gz")
    void picksTheSameFrames(String name, JsonNode row) {
        double[] p = Testdata.doubles(row.get("p_interval"));
        UniformSampleFrames sampler = new UniformSampleFrames(row.get("clip_len").asInt(), row.get("num_clips").asInt(),
                p[0], p[1], UniformSampleFrames.DEFAULT_SEED);
        assertArrayEquals(Testdata.ints(row.get("frame_inds")), sampler.testFrameIndices(row.get("total_frames").asInt(), 0));
    }

    @Test
    void startIndexShiftsEveryIndex() {
        UniformSampleFrames sampler = new UniformSampleFrames(8, 2);
        int[] base = sampler.testFrameIndices(30, 0);
        int[] shifted = sampler.testFrameIndices(30, 5);
        for (int i = 0; i < base.length; i++) {
            base[i] += 5;
        }
        assertArrayEquals(base, shifted);
    }

    @Test
    void refusesWhatNumpyRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new UniformSampleFrames(8, 1, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new UniformSampleFrames(8, 1, 1, 1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new UniformSampleFrames(8, 1).testFrameIndices(0, 0));
    }
}
