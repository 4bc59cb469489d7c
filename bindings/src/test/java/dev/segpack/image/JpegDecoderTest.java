package dev.segpack.image;

import dev.segpack.image.ImageTestData.Expected;
import dev.segpack.testing.CraftedJpeg;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegDecoderTest {

    static Stream<Expected> jpegs() {
        return Stream.concat(ImageTestData.expected("coco/").stream(), ImageTestData.expected("jpeg/").stream());
    }

    static void assumeTurboJpeg() {
        JpegDecoder.turboJpegUnavailableReason().ifPresent(reason -> {
            System.err.println("SKIPPED exact JPEG check: " + reason);
            Assumptions.abort("libjpeg-turbo unavailable, exact cv2.imread parity not checked: " + reason);
        });
    }

    static MemorySegment bytes(Expected expected, Arena arena) throws IOException {
        byte[] file = Files.readAllBytes(expected.path());
        MemorySegment segment = arena.allocate(file.length);
        MemorySegment.copy(file, 0, segment, ValueLayout.JAVA_BYTE, 0, file.length);
        return segment;
    }

    @ParameterizedTest
    @MethodSource("jpegs")
    void turboJpegMatchesCv2ImreadExactly(Expected expected) throws IOException {
        assumeTurboJpeg();
        try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(JpegBackend.TURBOJPEG)) {
            Image image = decoder.decodeBgr(bytes(expected, arena), arena, expected.file());
            assertEquals(expected.h(), image.h(), "height");
            assertEquals(expected.w(), image.w(), "width");
            assertEquals(PixelFormat.BGR, image.format());
            assertEquals(expected.bgrMd5(), ImageTestData.md5(image), "BGR md5 of " + expected.file());
        }
    }

    /**
     * ImageIO's own libjpeg is not libjpeg-turbo, so only closeness is promised: the mean within 1.0
     * and, where libjpeg-turbo is there to compare with, every sample within a few levels.
     */
    @ParameterizedTest
    @MethodSource("jpegs")
    void imageIoFallbackIsCloseToCv2Imread(Expected expected) throws IOException {
        try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(JpegBackend.IMAGEIO)) {
            Image image = decoder.decodeBgr(bytes(expected, arena), arena, expected.file());
            assertEquals(expected.h(), image.h(), "height");
            assertEquals(expected.w(), image.w(), "width");
            assertEquals(expected.bgrMean(), ImageTestData.mean(image), 1.0, "mean of " + expected.file());
            if (JpegDecoder.turboJpegUnavailableReason().isEmpty()) {
                try (JpegDecoder turbo = JpegDecoder.open(JpegBackend.TURBOJPEG)) {
                    Image exact = turbo.decodeBgr(bytes(expected, arena), arena, expected.file());
                    assertTrue(maxAbsDiff(exact, image) <= MAX_FALLBACK_DIFF,
                            "max sample difference " + maxAbsDiff(exact, image) + " in " + expected.file());
                }
            }
        }
    }

    static final int MAX_FALLBACK_DIFF = 8;

    static int maxAbsDiff(Image a, Image b) {
        int max = 0;
        for (long i = 0; i < a.byteSize(); i++) {
            int d = Math.abs(Byte.toUnsignedInt(a.data().get(ValueLayout.JAVA_BYTE, i))
                    - Byte.toUnsignedInt(b.data().get(ValueLayout.JAVA_BYTE, i)));
            max = Math.max(max, d);
        }
        return max;
    }

    @ParameterizedTest
    @MethodSource("jpegs")
    void headerGivesTheDecodedSize(Expected expected) throws IOException {
        for (JpegBackend backend : availableBackends()) {
            try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                JpegHeader header = decoder.readHeader(bytes(expected, arena), expected.file());
                assertEquals(expected.h(), header.h(), backend + " height");
                assertEquals(expected.w(), header.w(), backend + " width");
            }
        }
    }

    @Test
    void decodesIntoCallerMemoryNativeOrHeap() throws IOException {
        for (String file : List.of("coco/000000117645.jpg", "jpeg/orientation6.jpg")) {
            Expected expected = ImageTestData.expected(file).getFirst();
            for (JpegBackend backend : availableBackends()) {
                try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                    MemorySegment jpeg = bytes(expected, arena);
                    String reference = ImageTestData.md5(decoder.decodeBgr(jpeg, arena, file));
                    JpegHeader header = decoder.readHeader(jpeg, file);
                    MemorySegment nativeDst = arena.allocate(header.bgrBytes() + 5);
                    Image intoNative = decoder.decodeBgr(jpeg, nativeDst, file);
                    assertEquals(reference, ImageTestData.md5(intoNative), backend + " native destination");
                    assertEquals(nativeDst.address(), intoNative.data().address(), "decoded in place");
                    byte[] heap = new byte[(int) header.bgrBytes()];
                    Image intoHeap = decoder.decodeBgr(MemorySegment.ofArray(Files.readAllBytes(expected.path())),
                            MemorySegment.ofArray(heap), file);
                    assertEquals(reference, ImageTestData.md5(intoHeap), backend + " heap destination");
                    assertThrows(IllegalArgumentException.class,
                            () -> decoder.decodeBgr(jpeg, arena.allocate(header.bgrBytes() - 1), file));
                }
            }
        }
    }

    @Test
    void corruptDataFailsNamingTheSource() throws IOException {
        byte[] garbage = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
        for (JpegBackend backend : availableBackends()) {
            try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                IOException e = assertThrows(IOException.class,
                        () -> decoder.decodeBgr(MemorySegment.ofArray(garbage), arena, "/x/y.jpg"));
                assertTrue(e.getMessage().startsWith("cannot decode /x/y.jpg: "), backend + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aFrameHeaderOverThePixelLimitIsRefusedBeforeDecoding() throws IOException {
        MemorySegment jpeg = MemorySegment.ofArray(CraftedJpeg.grayDeclaring(65_500, 65_500));
        for (JpegBackend backend : availableBackends()) {
            try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                for (Executable call : List.<Executable>of(() -> decoder.readHeader(jpeg, "/x/huge.jpg"),
                        () -> decoder.decodeBgr(jpeg, arena, "/x/huge.jpg"))) {
                    IOException e = assertThrows(IOException.class, call);
                    assertTrue(e.getMessage().startsWith("cannot decode /x/huge.jpg: the frame header (SOF) declares"
                            + " 65500x65500 (h x w) = 4290250000 pixels, more than the limit of 2147483648"),
                            backend + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * A frame libjpeg does not reach (an unknown marker's length runs past the end) is refused before a
     * decoder runs: ImageIO found it anyway and spent seconds and gigabytes on these 35 bytes (fuzzing).
     */
    @Test
    void aFrameLibjpegDoesNotReachIsRefusedBeforeDecoding() throws IOException {
        byte[] bytes = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x34, 0x32,
                (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) 0xFF, 8, 0x3F, 15, 1, 1, 0x11, 0, (byte) 0xFF, 0, 0,
                (byte) 0x91, (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 1, 1, 0};
        MemorySegment jpeg = MemorySegment.ofArray(bytes);
        for (JpegBackend backend : availableBackends()) {
            try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                IOException e = assertThrows(IOException.class, () -> decoder.decodeBgr(jpeg, arena, "/x/odd.jpg"));
                assertTrue(e.getMessage().startsWith("cannot decode /x/odd.jpg: no frame header (SOF)"),
                        backend + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aFileFarTooShortForItsFrameIsRefusedBeforeDecoding() throws IOException {
        // 1.6e9 pixels is within the limit, but 25e6 blocks need at least 2 bits each
        MemorySegment jpeg = MemorySegment.ofArray(CraftedJpeg.grayDeclaring(40_000, 40_000));
        for (JpegBackend backend : availableBackends()) {
            try (Arena arena = Arena.ofConfined(); JpegDecoder decoder = JpegDecoder.open(backend)) {
                IOException e = assertThrows(IOException.class, () -> decoder.decodeBgr(jpeg, arena, "/x/short.jpg"));
                assertTrue(e.getMessage().startsWith("cannot decode /x/short.jpg: the file has 30 bytes, fewer than"
                        + " the 6250000 any sequential JPEG of 40000x40000 (w x h) holds"), backend + ": " + e.getMessage());
            }
        }
    }

    @Test
    void backendPropertyForcesTheFallback() {
        String previous = System.getProperty(JpegDecoder.BACKEND_PROPERTY);
        try {
            System.setProperty(JpegDecoder.BACKEND_PROPERTY, "imageio");
            try (JpegDecoder decoder = JpegDecoder.open()) {
                assertEquals(JpegBackend.IMAGEIO, decoder.backend());
            }
            System.setProperty(JpegDecoder.BACKEND_PROPERTY, "libpng");
            assertThrows(IllegalArgumentException.class, JpegDecoder::open);
        } finally {
            if (previous == null) {
                System.clearProperty(JpegDecoder.BACKEND_PROPERTY);
            } else {
                System.setProperty(JpegDecoder.BACKEND_PROPERTY, previous);
            }
        }
    }

    @Test
    void decodersOnSeveralThreadsAgree() throws Exception {
        assumeTurboJpeg();
        List<Expected> files = ImageTestData.expected("coco/");
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                results.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined()) {
                        for (Expected expected : files) {
                            Image image = ImageDecoder.readBgr(expected.path(), arena);
                            if (!expected.bgrMd5().equals(ImageTestData.md5(image))) {
                                return false;
                            }
                        }
                        return true;
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "a concurrent decode differed from cv2.imread");
            }
        }
    }

    static List<JpegBackend> availableBackends() {
        return JpegDecoder.turboJpegUnavailableReason().isEmpty()
                ? List.of(JpegBackend.TURBOJPEG, JpegBackend.IMAGEIO)
                : List.of(JpegBackend.IMAGEIO);
    }
}
