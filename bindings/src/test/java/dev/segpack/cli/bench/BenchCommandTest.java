package dev.segpack.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import dev.segpack.npy.NpyFile;
import dev.segpack.skeleton.PickleWriter;
import dev.segpack.skeleton.PyTuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `segpack bench` prints the one JSON line the harness reads, for workloads from real input files. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void encodeAndDecodePrintTheirJsonLine() throws Exception {
        byte[] masks = new byte[3 * 6 * 5];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = (byte) ((i / 4) % 2);
        }
        Path npy = dir.resolve("masks.npy");
        NpyFile.write(npy, NpyDtype.UINT8, new long[] {3, 6, 5}, false, MemorySegment.ofArray(masks));
        assertEquals(0, run("encode", npy).get("ops").asLong() % 3, "whole rounds of 3 masks");
        assertEquals(0, run("read", npy).get("ops").asLong() % 3, "the read floor counts masks as encode does");

        Path rles = dir.resolve("rles.json");
        String a = RleString.encode(Rle.of(6, 5, new int[] {5, 2, 20, 3}));
        String b = RleString.encode(Rle.of(6, 5, new int[] {0, 30}));
        Files.writeString(rles, "[{\"size\":[6,5],\"counts\":\"" + a + "\"},{\"size\":[6,5],\"counts\":\"" + b + "\"}]");
        run("decode", rles);

        Path polygons = dir.resolve("polygons.json");
        Files.writeString(polygons, "{\"h\":6,\"w\":5,\"polygons\":[[0,0,4,0,4,5,0,5]]}");
        run("frpoly", polygons);
    }

    @Test
    void heatmapWorkloadsPrintTheirJsonLine() throws Exception {
        float[] keypoints = new float[2 * 4 * 17 * 2];
        for (int i = 0; i < keypoints.length; i++) {
            keypoints[i] = 2 + i % 13;
        }
        NpyArray kp = new NpyArray(NpyDtype.FLOAT32, new long[] {2, 4, 17, 2}, false, MemorySegment.ofArray(keypoints));
        Map<Object, Object> annotation = new LinkedHashMap<>();
        annotation.put("frame_dir", "a");
        annotation.put("img_shape", PyTuple.of(16L, 16L));
        annotation.put("keypoint", kp);
        Path pickle = dir.resolve("pose.pkl");
        PickleWriter.write(pickle, List.of(annotation), 4);
        run("heatmaps", pickle);
        run("limb_heatmaps", pickle);
    }

    private static JsonNode run(String workload, Path input) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true));
            exit = Main.run("bench", "--workload", workload, "--input", input.toString(), "--warmup", "0.05",
                    "--seconds", "0.05");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit, workload);
        JsonNode line = new ObjectMapper().readTree(out.toString().trim());
        assertEquals(workload, line.get("workload").asText());
        assertTrue(line.get("ops").asLong() >= 5, line.toString());
        assertTrue(line.get("ns_per_op_min").asDouble() > 0, line.toString());
        assertTrue(line.get("ns_per_op_median").asDouble() >= line.get("ns_per_op_min").asDouble(), line.toString());
        assertEquals(1, line.get("threads").asInt());
        assertTrue(line.get("provider").asText().matches("scalar|vector"), line.toString());
        return line;
    }
}
