package dev.segpack.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.npy.NpyDtype;
import dev.segpack.npy.NpyFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
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
