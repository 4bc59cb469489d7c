package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyFile;
import dev.segpack.skeleton.HeatmapConfig;
import dev.segpack.skeleton.PickleReader;
import dev.segpack.skeleton.SkeletonDataset;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segpack skeleton ...} on the reference pickles: what each prints and writes, and the one line a failure prints. */
class SkeletonCommandTest {

    private static final Path DIR = Path.of(System.getProperty("segpack.testdata", "../testdata")).resolve("skeleton");
    private static final Path NUMPY1 = DIR.resolve("numpy1_p4.pkl");

    @TempDir
    Path tmp;

    @Test
    void infoSummarises() {
        CliRun run = CliRun.of("skeleton", "info", "--ann", NUMPY1.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("file: " + NUMPY1, "annotations: 5", "splits: xsub_train (3) xsub_val (2)",
                "labels: 5 distinct, 3..35", "M (persons): 1..3", "T (frames): 17..36", "V (joints): 17..25",
                "C (coordinates): 2..3", "dtypes: keypoint float16, keypoint_score float16"), run.out().lines().toList());
    }

    @Test
    void infoJsonIsTheContentAsPythonsJson() throws IOException {
        CliRun run = CliRun.of("skeleton", "info", "--ann", DIR.resolve("numpy2_p5.pkl").toString(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(Files.readString(DIR.resolve("numpy2.json")) + "\n", run.out());
    }

    @Test
    void convertKeepsTheContent() throws IOException {
        Path out = tmp.resolve("numpy1.pkl");
        CliRun run = CliRun.of("skeleton", "convert", "--ann", DIR.resolve("numpy2_p5.pkl").toString(), "--out", out.toString(),
                "--protocol", "5");
        assertEquals(0, run.code(), run.err());
        assertEquals(Files.readString(DIR.resolve("numpy2.json")) + "\n",
                CliRun.of("skeleton", "info", "--ann", out.toString(), "--json").out());
        assertEquals(5, Files.readAllBytes(out)[1], "protocol 5");
        CliRun bad = CliRun.of("skeleton", "convert", "--ann", NUMPY1.toString(), "--out", out.toString(), "--protocol", "3");
        assertEquals(2, bad.code());
        assertEquals("--protocol must be 4 or 5, not 3", bad.errLines().get(0));
    }

    @Test
    void decompressGivesThePlainLayout() throws IOException {
        Path out = tmp.resolve("plain.pkl");
        CliRun run = CliRun.of("skeleton", "decompress", "--ann", DIR.resolve("numpy1_compressed_p4.pkl").toString(),
                "--out", out.toString(), "--max-person", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals("skeleton decompress: 3 annotations decompressed: " + DIR.resolve("numpy1_compressed_p4.pkl") + " -> " + out,
                run.out().strip());
        try (Arena arena = Arena.ofConfined()) {
            List<?> items = (List<?>) PickleReader.read(out, arena);
            for (Object item : items) {
                NpyArray kp = (NpyArray) ((java.util.Map<?, ?>) item).get("keypoint");
                assertEquals(4, kp.ndim());
                assertTrue(kp.dim(0) <= 2, "at most --max-person persons");
            }
        }
    }

    /** One .npy per 2-D annotation, equal to the dataset's own heatmaps; 3-D ones are counted as skipped. */
    @Test
    void heatmapsWritesOneNpyPer2dAnnotation() throws IOException {
        Path out = tmp.resolve("heatmaps");
        CliRun run = CliRun.of("skeleton", "heatmaps", "--ann", NUMPY1.toString(), "--out", out.toString(), "--maps", "limbs",
                "--clip-len", "8", "--num-clips", "2", "--size", "32x24", "--double", "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("skeleton heatmaps: 3 annotations -> " + out + " (2 3-D skipped)"), run.out());
        HeatmapConfig config = HeatmapConfig.testPipeline(8, 2, 32, 24, PoseTargetConfig.limbs().withDoubled(true));
        try (SkeletonDataset data = SkeletonDataset.open(NUMPY1); Arena arena = Arena.ofConfined();
                Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count());
            for (int i = 0; i < data.size(); i++) {
                Path npy = out.resolve(data.annotation(i).frameDir() + ".npy");
                if (data.annotation(i).coordinates() == 3) {
                    assertFalse(Files.exists(npy));
                    continue;
                }
                MemorySegment want = arena.allocate(data.heatmapBytes(i, config));
                long[] shape = data.heatmaps(i, config, want);
                NpyArray got = NpyFile.read(npy, arena);
                assertArrayEquals(shape, got.shape());
                assertArrayEquals(new long[] {4, 17, 8, 24, 32}, shape);
                assertArrayEquals(want.toArray(ValueLayout.JAVA_BYTE), got.data().toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    @Test
    void failuresAreOneLineNamingFileAndAnnotation() throws IOException {
        Path out = tmp.resolve("out");
        String nan = CliRun.of("skeleton", "heatmaps", "--ann", DIR.resolve("numpy2_compressed_p4.pkl").toString(), "--out",
                out.toString()).oneErrLine();
        assertEquals("segpack skeleton heatmaps: error: " + DIR.resolve("numpy2_compressed_p4.pkl") + ": annotation 0 (frame_dir"
                + " k400_00000): keypoint has shape [22, 17, 3]; expected [M, T, V, C] (4-D); it is compressed: run 'skeleton"
                + " decompress' first", nan);
        assertFalse(Files.exists(out));

        Path truncated = tmp.resolve("cut.pkl");
        byte[] whole = Files.readAllBytes(NUMPY1);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        Path converted = tmp.resolve("converted.pkl");
        CliRun run = CliRun.of("skeleton", "convert", "--ann", truncated.toString(), "--out", converted.toString());
        assertEquals(1, run.code());
        assertTrue(run.oneErrLine().startsWith("segpack skeleton convert: error: " + truncated + ": truncated"), run.err());
        assertFalse(Files.exists(converted));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(truncated), left.toList(), "no scratch file is left");
        }
    }
}
