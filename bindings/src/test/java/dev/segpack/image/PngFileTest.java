package dev.segpack.image;

import dev.segpack.testing.Python;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.image.ImageTestData.Expected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PngFileTest {

    static Stream<Expected> pngs() {
        return ImageTestData.expected("png/").stream();
    }

    @ParameterizedTest
    @MethodSource("pngs")
    void readGivesTheStoredSamples(Expected expected) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image image = PngFile.read(expected.path(), arena);
            assertEquals(expected.row().get("raw_channels").asInt(), image.channels(), "channels");
            assertEquals(expected.row().get("raw_bits").asInt(), 8 * image.sampleType().bytes, "bits");
            assertEquals(expected.row().get("raw_md5").asText(), ImageTestData.md5(image), "samples of " + expected);
        }
    }

    @ParameterizedTest
    @MethodSource("pngs")
    void readBgrMatchesCv2Imread(Expected expected) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image image = PngFile.readBgr(expected.path(), arena);
            assertEquals(expected.h(), image.h(), "height");
            assertEquals(expected.w(), image.w(), "width");
            assertEquals(expected.bgrMd5(), ImageTestData.md5(image), "BGR of " + expected);
        }
    }

    @ParameterizedTest
    @MethodSource("pngs")
    void paletteIndicesOnlyFromPalettePngs(Expected expected) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            if (expected.row().has("index_md5")) {
                Image indices = PngFile.readPaletteIndices(expected.path(), arena);
                assertEquals(PixelFormat.GRAY, indices.format());
                assertEquals(expected.row().get("index_md5").asText(), ImageTestData.md5(indices));
            } else {
                IOException e = assertThrows(IOException.class, () -> PngFile.readPaletteIndices(expected.path(), arena));
                assertTrue(e.getMessage().contains(expected.path().toString()), e.getMessage());
            }
        }
    }

    @Test
    void sixteenBitGrayIsALabelMapOverTheSameMemory() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image image = PngFile.read(ImageTestData.DIR.resolve("png/gray16.png"), arena);
            LabelMap labels = image.asLabelMap();
            assertEquals(LabelMap.LabelType.UINT16, labels.type());
            assertEquals(Short.toUnsignedInt(image.data().get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                    2L * (3 * image.w() + 5))), labels.get(3, 5));
        }
    }

    /** Every writable kind, with random samples covering the full range (16-bit up to 65535). */
    enum Kind {
        GRAY8(PixelFormat.GRAY, SampleType.UINT8), GRAY16(PixelFormat.GRAY, SampleType.UINT16),
        GRAY_ALPHA8(PixelFormat.GRAY_ALPHA, SampleType.UINT8), GRAY_ALPHA16(PixelFormat.GRAY_ALPHA, SampleType.UINT16),
        RGB8(PixelFormat.RGB, SampleType.UINT8), RGB16(PixelFormat.RGB, SampleType.UINT16),
        RGBA8(PixelFormat.RGBA, SampleType.UINT8), RGBA16(PixelFormat.RGBA, SampleType.UINT16),
        BGR8(PixelFormat.BGR, SampleType.UINT8);

        final PixelFormat format;
        final SampleType type;

        Kind(PixelFormat format, SampleType type) {
            this.format = format;
            this.type = type;
        }

        Image random(Arena arena, int h, int w, long seed) {
            Image image = Image.allocate(arena, h, w, format, type);
            byte[] bytes = new byte[(int) image.byteSize()];
            new Random(seed).nextBytes(bytes);
            MemorySegment.copy(bytes, 0, image.data(), ValueLayout.JAVA_BYTE, 0, bytes.length);
            return image;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writeThenReadIsExact(Kind kind, @TempDir Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image written = kind.random(arena, 17, 29, kind.ordinal());
            Path file = dir.resolve(kind + ".png");
            PngFile.write(file, written);
            Image read = PngFile.read(file, arena);
            assertEquals(written.h(), read.h());
            assertEquals(written.w(), read.w());
            assertEquals(written.sampleType(), read.sampleType());
            if (kind == Kind.BGR8) {
                assertEquals(PixelFormat.RGB, read.format(), "BGR is stored as RGB");
                assertEquals(ImageTestData.md5(written), ImageTestData.md5(PngFile.readBgr(file, arena)));
            } else {
                assertEquals(written.format(), read.format());
                assertEquals(ImageTestData.md5(written), ImageTestData.md5(read));
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void writeReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path file = dir.resolve("labels.png");
            Files.writeString(file, "old content");
            Image written = Kind.GRAY16.random(arena, 3, 4, 1);
            PngFile.write(file, written);
            assertEquals(ImageTestData.md5(written), ImageTestData.md5(PngFile.read(file, arena)));
        }
    }

    @Test
    void badInputFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path notPng = dir.resolve("fake.png");
        Files.write(notPng, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'});
        Path missing = dir.resolve("missing.png");
        try (Arena arena = Arena.ofConfined()) {
            for (Path file : List.of(notPng, missing)) {
                IOException e = assertThrows(IOException.class, () -> PngFile.read(file, arena));
                assertTrue(e.getMessage().startsWith("cannot decode " + file + ": "), e.getMessage());
            }
            Image empty = Image.allocate(arena, 0, 5, PixelFormat.GRAY, SampleType.UINT8);
            assertThrows(IllegalArgumentException.class, () -> PngFile.write(dir.resolve("empty.png"), empty));
        }
    }

    /**
     * OpenCV reads what segpack writes, every kind, and segpack reads what OpenCV writes. One python
     * process handles every kind: argv holds (segpack file, segpack format, file for cv2 to write) triples.
     */
    @Test
    void cv2InteroperatesBothWays(@TempDir Path dir) throws Exception {
        Python python = Python.require("cv2", "numpy");
        String script = """
                import sys, hashlib, cv2, numpy as np

                def md5(a):
                    return hashlib.md5(np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<'))).tobytes()).hexdigest()

                def as_segpack(a, fmt):  # cv2 holds colour as B,G,R(,A) and gray+alpha as BGRA
                    if a.ndim == 2 or fmt == 'BGR':
                        return a
                    if fmt == 'GRAY_ALPHA':
                        return a[..., [0, 3]]
                    return a[..., [2, 1, 0, 3][:a.shape[2]]]

                args = sys.argv[1:]
                for i in range(0, len(args), 3):
                    ours, fmt, theirs = args[i:i + 3]
                    a = cv2.imread(ours, cv2.IMREAD_UNCHANGED)
                    b = np.random.default_rng(i).integers(0, np.iinfo(a.dtype).max + 1, size=a.shape, dtype=a.dtype)
                    if fmt == 'GRAY_ALPHA':
                        b = b[..., 0]  # cv2 cannot write two channels: it writes gray
                    cv2.imwrite(theirs, b)
                    print(md5(as_segpack(a, fmt)), md5(as_segpack(b, 'BGR' if b.ndim == 2 else fmt)))
                """;
        try (Arena arena = Arena.ofConfined()) {
            List<String> args = new java.util.ArrayList<>();
            List<Image> written = new java.util.ArrayList<>();
            for (Kind kind : Kind.values()) {
                Image image = kind.random(arena, 11, 7, 100 + kind.ordinal());
                Path ours = dir.resolve(kind + ".png");
                PngFile.write(ours, image);
                written.add(image);
                args.addAll(List.of(ours.toString(), image.format().name(), dir.resolve(kind + "-cv2.png").toString()));
            }
            List<String> lines = python.run(script, args.toArray(String[]::new)).strip().lines().toList();
            for (Kind kind : Kind.values()) {
                String[] md5s = lines.get(kind.ordinal()).split(" ");
                Image image = written.get(kind.ordinal());
                assertEquals(ImageTestData.md5(image), md5s[0], "cv2 reading segpack's " + kind);
                Path theirs = dir.resolve(kind + "-cv2.png");
                Image read = image.format() == PixelFormat.BGR ? PngFile.readBgr(theirs, arena) : PngFile.read(theirs, arena);
                assertEquals(md5s[1], ImageTestData.md5(read), "segpack reading cv2's " + kind);
            }
        }
    }

    /** Pillow (what cityscapesScripts uses) reads segpack's 8-bit kinds and 16-bit gray exactly. */
    @Test
    void pillowReadsWhatSegpackWrites(@TempDir Path dir) throws Exception {
        List<Kind> kinds = List.of(Kind.GRAY8, Kind.GRAY16, Kind.GRAY_ALPHA8, Kind.RGB8, Kind.RGBA8);
        try (Arena arena = Arena.ofConfined()) {
            List<String> files = new java.util.ArrayList<>();
            List<String> expected = new java.util.ArrayList<>();
            for (Kind kind : kinds) {
                Image image = kind.random(arena, 9, 13, 200 + kind.ordinal());
                Path file = dir.resolve(kind + ".png");
                PngFile.write(file, image);
                files.add(file.toString());
                expected.add(ImageTestData.md5(image));
            }
            assertEquals(expected, ImageTestData.pillowMd5s(files));
        }
    }

    @Test
    void imageChecksItsSegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(10);
            assertThrows(IllegalArgumentException.class, () -> new Image(small, 2, 2, PixelFormat.RGB, SampleType.UINT8));
            Image rgb = Image.allocate(arena, 2, 2, PixelFormat.RGB, SampleType.UINT8);
            assertThrows(IllegalStateException.class, rgb::asLabelMap);
            assertArrayEquals(new long[]{12, 6}, new long[]{rgb.byteSize(), rgb.rowBytes()});
        }
    }
}
