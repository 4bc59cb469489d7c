package dev.segpack.bench;

import dev.segpack.poseh5.H5Compression;
import dev.segpack.poseh5.PoseH5Writer;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writing a file of {@value #IMAGES} uint8 640x480x4 datasets (with a 2-person keypoints
 * attribute each): segpack's {@link PoseH5Writer} against jhdf 0.13.0 fed Java arrays. One
 * operation writes 9.83 MB of pixels, so MB/s = 9.83 / (ms per op / 1000).
 *
 * <ul>
 *   <li>{@code segpack}: explicit-shape datasets, bytes spilled then copied file-to-file (the file
 *       is also fsynced before the atomic rename, which jhdf's paths below do not do)</li>
 *   <li>{@code jhdfNested}: {@code byte[h][w][4]}, jhdf's contiguous path (one write per pixel)</li>
 *   <li>{@code jhdfNestedSingleChunk}: {@code byte[h][w][4]} as one chunk, jhdf's chunked path,
 *       which encodes into one buffer first</li>
 *   <li>{@code jhdfRows}: {@code byte[h][w*4]}: fast but the wrong shape [h, w*4]</li>
 * </ul>
 * The nested arrays are built once in setup, so the jhdf figures exclude converting the image.
 * Run: {@code mvn -B -q -ntp -pl bench -am package -DskipTests} then
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main H5WriteBenchmark}
 * (with a JDK 25 {@code java}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class H5WriteBenchmark {

    static final int IMAGES = 8;
    static final int H = 480;
    static final int W = 640;
    static final int C = 4;

    private Arena arena;
    private MemorySegment bgrx;
    private byte[][][] nested;
    private byte[][] rows;
    private int[][] keypoints;
    private long[][] keypointsLong;
    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        arena = Arena.ofShared();
        bgrx = arena.allocate((long) H * W * C);
        SplittableRandom random = new SplittableRandom(42);
        nested = new byte[H][W][C];
        rows = new byte[H][W * C];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < C; c++) {
                    byte value = (byte) random.nextInt(256);
                    bgrx.set(ValueLayout.JAVA_BYTE, ((long) y * W + x) * C + c, value);
                    nested[y][x][c] = value;
                    rows[y][x * C + c] = value;
                }
            }
        }
        keypoints = new int[2][51];
        keypointsLong = new long[2][51];
        dir = Files.createTempDirectory("h5bench");
        file = dir.resolve("bench.h5");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
        arena.close();
    }

    @Benchmark
    public long segpack() throws IOException {
        try (PoseH5Writer writer = PoseH5Writer.create(file, H5Compression.none())) {
            for (int i = 0; i < IMAGES; i++) {
                writer.writeImage(i, H, W, bgrx, keypoints);
            }
        }
        return Files.size(file);
    }

    @Benchmark
    public long jhdfNested() throws IOException {
        return writeWithJhdf(nested, DatasetCreationOptions.builder().unsigned().build());
    }

    @Benchmark
    public long jhdfNestedSingleChunk() throws IOException {
        return writeWithJhdf(nested, DatasetCreationOptions.builder().unsigned().chunkDimensions(H, W, C).build());
    }

    @Benchmark
    public long jhdfRows() throws IOException {
        return writeWithJhdf(rows, DatasetCreationOptions.builder().unsigned().build());
    }

    private long writeWithJhdf(Object image, DatasetCreationOptions options) throws IOException {
        // jhdf opens without truncating, so a previous run's longer file must go first
        Files.deleteIfExists(file);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup group = hdf.putGroup("coco");
            for (int i = 0; i < IMAGES; i++) {
                WritableDataset dataset = group.putDataset(Integer.toString(i), image, options);
                dataset.putAttribute("keypoints", keypointsLong);
            }
        }
        return Files.size(file);
    }
}
