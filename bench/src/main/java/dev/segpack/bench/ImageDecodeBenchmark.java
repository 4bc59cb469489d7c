package dev.segpack.bench;

import dev.segpack.image.Image;
import dev.segpack.image.ImageDecoder;
import dev.segpack.image.JpegBackend;
import dev.segpack.image.JpegDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
import java.util.concurrent.TimeUnit;

/**
 * JPEG → BGR decode of one 640×480 COCO image (testdata/images/coco/000000117645.jpg, 53 KB), libjpeg-turbo
 * versus ImageIO. Run from the repository root, or point -Dsegpack.bench.jpeg at another file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImageDecodeBenchmark {

    @Param({"TURBOJPEG", "IMAGEIO"})
    public JpegBackend backend;

    private Path file;
    private Arena arena;
    private MemorySegment jpeg;
    private MemorySegment bgr;
    private JpegDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Path.of(System.getProperty("segpack.bench.jpeg", "testdata/images/coco/000000117645.jpg"));
        byte[] bytes = Files.readAllBytes(file);
        arena = Arena.ofShared();
        jpeg = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, jpeg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        decoder = JpegDecoder.open(backend);
        bgr = arena.allocate(decoder.readHeader(jpeg, file.toString()).bgrBytes(), 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
        arena.close();
    }

    /** The hot path: compressed bytes already in memory, one decoder per thread, pixels into a reused buffer. */
    @Benchmark
    public Image decodeIntoReusedBuffer() throws IOException {
        return decoder.decodeBgr(jpeg, bgr, file.toString());
    }

    /** The convenience path: open a decoder, read the file, decode into a fresh arena, close everything. */
    @Benchmark
    public byte readFileOneShot() throws IOException {
        try (ImageDecoder oneShot = ImageDecoder.open(backend); Arena perCall = Arena.ofConfined()) {
            Image image = oneShot.decodeBgr(file, perCall);
            return image.data().get(ValueLayout.JAVA_BYTE, image.byteSize() - 1);
        }
    }
}
