package dev.segpack.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.engine.testing.GoldenBlobs;
import dev.segpack.engine.testing.JsonLinesSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** {@link SkeletonDataset} on the reference pickle: the toolbox's pipeline volumes bit for bit, and the same bytes from many threads. */
class SkeletonDatasetTest {

    private static SkeletonDataset numpy1;

    @BeforeAll
    static void open() throws IOException {
        numpy1 = SkeletonDataset.open(PickleGoldenTest.DIR.resolve("numpy1_p4.pkl"));
    }

    @AfterAll
    static void close() {
        numpy1.close();
    }

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/pipeline.jsonl.gz")
    void pipelineVolumeIsTheToolboxs(String name, JsonNode row) {
        JsonNode c = row.get("config");
        PoseTargetConfig target = (c.get("limb").asBoolean() ? PoseTargetConfig.limbs() : PoseTargetConfig.keypoints())
                .withDoubled(c.get("double").asBoolean());
        HeatmapConfig config = HeatmapConfig.testPipeline(c.get("clip_len").asInt(), c.get("num_clips").asInt(),
                c.get("scale").get(0).asInt(), c.get("scale").get(1).asInt(), target);
        int index = indexOf(row.get("frame_dir").asText());
        byte[] expected = GoldenBlobs.zlibBase64(row.get("volume_zlib_b64").asText());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(numpy1.heatmapBytes(index, config));
            long[] shape = numpy1.heatmaps(index, config, out);
            long[] want = new long[row.get("shape").size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = row.get("shape").get(i).asLong();
            }
            assertArrayEquals(want, shape);
            assertArrayEquals(expected, out.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Every 2-D annotation's heatmaps drawn by 8 threads at once, twice each, equal those drawn one by one. */
    @Test
    void threadsShareOneDataset() throws Exception {
        HeatmapConfig config = HeatmapConfig.testPipeline(8, 2, 32, 32, PoseTargetConfig.limbs());
        List<Integer> twoD = new ArrayList<>();
        for (int i = 0; i < numpy1.size(); i++) {
            if (numpy1.annotation(i).coordinates() == 2) {
                twoD.add(i);
            }
        }
        List<byte[]> sequential = new ArrayList<>();
        for (int i : twoD) {
            sequential.add(draw(i, config));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> parallel = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i : twoD) {
                    parallel.add(pool.submit(() -> draw(i, config)));
                }
            }
            for (int k = 0; k < parallel.size(); k++) {
                assertArrayEquals(sequential.get(k % twoD.size()), parallel.get(k).get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3, twoD.size(), "numpy1_p4.pkl holds 3 2-D annotations");
        ByteBuffer first = ByteBuffer.wrap(sequential.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        float max = 0;
        while (first.hasRemaining()) {
            max = Math.max(max, first.getFloat());
        }
        assertEquals(1f, max, 0.05f, "limbs are drawn");
    }

    private static byte[] draw(int i, HeatmapConfig config) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(numpy1.heatmapBytes(i, config));
            numpy1.heatmaps(i, config, out);
            return out.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static int indexOf(String frameDir) {
        for (int i = 0; i < numpy1.size(); i++) {
            if (frameDir.equals(numpy1.annotation(i).frameDir())) {
                return i;
            }
        }
        throw new IllegalStateException("no annotation " + frameDir);
    }
}
