package dev.segpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngWriter;
import dev.segpack.testing.CraftedPng;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PNG decoder on files made for the purpose: every colour type and bit depth, plain and Adam7,
 * every row filter; and each kind of broken file refused with an error naming the file and the chunk.
 */
class PngDecoderTest {

    @TempDir
    Path tmp;

    /** Every (colour type, bit depth) PNG defines. */
    enum Kind {
        GRAY1(0, 1), GRAY2(0, 2), GRAY4(0, 4), GRAY8(0, 8), GRAY16(0, 16), RGB8(2, 8), RGB16(2, 16),
        PALETTE1(3, 1), PALETTE2(3, 2), PALETTE4(3, 4), PALETTE8(3, 8), GRAY_ALPHA8(4, 8), GRAY_ALPHA16(4, 16),
        RGBA8(6, 8), RGBA16(6, 16);

        final int colourType;
        final int depth;

        Kind(int colourType, int depth) {
            this.colourType = colourType;
            this.depth = depth;
        }

        int channels() {
            return switch (colourType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
        }

        int[] randomSamples(int w, int h, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] samples = new int[w * h * channels()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = random.nextInt(1 << depth);
            }
            return samples;
        }

        /** The PLTE a palette kind needs (one entry per possible index), else nothing. */
        byte[][] paletteChunk() {
            if (colourType != 3) {
                return new byte[0][];
            }
            byte[] entries = new byte[3 << depth];
            new SplittableRandom(depth).nextBytes(entries);
            return new byte[][] {CraftedPng.chunk("PLTE", entries)};
        }

        /** A whole PNG of this kind whose image data is {@code raw} (rows before compression). */
        byte[] png(int w, int h, boolean interlaced, byte[] raw) {
            byte[][] chunks = Stream.of(new byte[][] {CraftedPng.ihdr(w, h, depth, colourType, interlaced)}, paletteChunk(),
                    new byte[][] {CraftedPng.chunk("IDAT", CraftedPng.zlib(raw)), CraftedPng.chunk("IEND", new byte[0])})
                    .flatMap(Arrays::stream).toArray(byte[][]::new);
            return CraftedPng.file(chunks);
        }

        /** What {@link PngDecoder#samples} must give: one byte a sample, or two little-endian bytes at 16 bits. */
        byte[] expected(int[] samples) {
            byte[] out = new byte[samples.length * (depth == 16 ? 2 : 1)];
            for (int i = 0; i < samples.length; i++) {
                if (depth == 16) {
                    out[2 * i] = (byte) samples[i];
                    out[2 * i + 1] = (byte) (samples[i] >>> 8);
                } else {
                    out[i] = (byte) samples[i];
                }
            }
            return out;
        }
    }

    static Stream<Arguments> kindsAndSizes() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(new int[] {1, 1}, new int[] {3, 2}, new int[] {13, 11})
                .flatMap(size -> Stream.of(false, true).map(interlaced -> Arguments.of(kind, size[0], size[1], interlaced))));
    }

    @ParameterizedTest(name = "{0} {1}x{2} interlaced={3}")
    @MethodSource("kindsAndSizes")
    void everyKindDecodesToItsSamplesPlainOrInterlaced(Kind kind, int w, int h, boolean interlaced) throws IOException {
        int[] samples = kind.randomSamples(w, h, 31L * w + h);
        Path file = write(kind + ".png", kind.png(w, h, interlaced,
                CraftedPng.rows(samples, w, h, kind.channels(), kind.depth, interlaced)));
        try (Arena arena = Arena.ofConfined()) {
            PngDecoder png = PngDecoder.of(ImageFile.read(file, arena));
            assertEquals(new PngHeader(h, w, kind.depth, kind.colourType, interlaced), png.header());
            Image image = png.samples(arena);
            assertEquals(kind.channels(), image.channels());
            assertArrayEquals(kind.expected(samples), bytes(image));
        }
    }

    @ParameterizedTest
    @MethodSource("truncatable")
    void truncatedImageDataIsRefusedForEveryKind(Kind kind, boolean interlaced) throws IOException {
        int w = 13, h = 11;
        byte[] raw = CraftedPng.rows(kind.randomSamples(w, h, 7), w, h, kind.channels(), kind.depth, interlaced);
        Path file = write("short.png", kind.png(w, h, interlaced, Arrays.copyOf(raw, raw.length - 1)));
        IOException e = assertDecodeFails(file);
        assertTrue(e.getMessage().contains("IDAT image data ends before the " + raw.length + " bytes"), e.getMessage());
        Path longer = write("long.png", kind.png(w, h, interlaced, Arrays.copyOf(raw, raw.length + 1)));
        assertTrue(assertDecodeFails(longer).getMessage().contains("IDAT image data holds more than"));
    }

    static Stream<Arguments> truncatable() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest
    @MethodSource("filtersAndKinds")
    void everyRowFilterDecodes(FilterType filter, Kind kind) throws IOException {
        int h = 23, w = 37;
        int[] samples = kind.randomSamples(w, h, filter.ordinal());
        for (int i = 0; i < samples.length; i += 3) {
            samples[i] = i % 7 * 30 % (1 << kind.depth); // runs the filters predict well
        }
        assertFilteredDecodes(filter, kind, w, h, samples);
    }

    @ParameterizedTest
    @MethodSource("flatRegionCases")
    void flatRegionsDecode(FilterType filter, Kind kind, int w) throws IOException {
        // runs of 0 and 255 as in a mask or a label image, whose filtered rows are mostly zeros (the
        // filters' shortcuts for flat regions)
        int h = 9;
        int channels = kind.channels();
        int[] samples = new int[w * h * channels];
        for (int i = 0; i < samples.length; i++) {
            int pixel = i / channels;
            int y = pixel / w;
            samples[i] = (pixel % w / (y + 3) + y + i % channels) % 2 * 255;
        }
        assertFilteredDecodes(filter, kind, w, h, samples);
    }

    static Stream<Arguments> flatRegionCases() {
        return Stream.of(FilterType.FILTER_SUB, FilterType.FILTER_PAETH).flatMap(f -> Stream.of(Kind.GRAY8, Kind.RGB8)
                .flatMap(k -> IntStream.of(5, 8, 37, 64, 70).mapToObj(w -> Arguments.of(f, k, w))));
    }

    /** Writes the samples with PNGJ, every row with {@code filter}, and checks that they decode. */
    private void assertFilteredDecodes(FilterType filter, Kind kind, int w, int h, int[] samples) throws IOException {
        Path file = tmp.resolve(filter + ".png");
        try (OutputStream out = Files.newOutputStream(file)) {
            PngWriter writer = new PngWriter(out, new ImageInfo(w, h, kind.depth, kind.channels() == 4,
                    kind.channels() == 1, false));
            writer.setFilterType(filter);
            ImageLineInt line = new ImageLineInt(writer.imgInfo);
            for (int y = 0; y < h; y++) {
                System.arraycopy(samples, y * w * kind.channels(), line.getScanline(), 0, w * kind.channels());
                writer.writeRow(line);
            }
            writer.end();
        }
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(kind.expected(samples), bytes(PngDecoder.of(ImageFile.read(file, arena)).samples(arena)));
        }
    }

    static Stream<Arguments> filtersAndKinds() {
        return Stream.of(FilterType.FILTER_NONE, FilterType.FILTER_SUB, FilterType.FILTER_UP, FilterType.FILTER_AVERAGE,
                        FilterType.FILTER_PAETH, FilterType.FILTER_ADAPTIVE_FULL)
                .flatMap(f -> Stream.of(Kind.GRAY8, Kind.RGB8, Kind.RGBA16).map(k -> Arguments.of(f, k)));
    }

    @Test
    void everyChunksCrcIsChecked() throws IOException {
        byte[] good = Kind.GRAY8.png(4, 3, false, new byte[3 * 5]);
        int idat = 8 + 25; // signature, IHDR
        byte[] badData = good.clone();
        badData[idat + 9] ^= 1;
        assertTrue(assertDecodeFails(write("idat.png", badData)).getMessage()
                .contains("chunk IDAT at byte " + idat + " has CRC"));
        byte[] text = CraftedPng.chunk("tEXt", "Comment\0hello".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        text[text.length - 1] ^= 1;
        byte[] badText = CraftedPng.file(CraftedPng.ihdr(4, 3, 8, 0, false), text,
                CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[3 * 5])), CraftedPng.chunk("IEND", new byte[0]));
        assertTrue(assertDecodeFails(write("text.png", badText)).getMessage().contains("chunk tEXt at byte 33 has CRC"));
    }

    @Test
    void aFileCutShortIsRefused() throws IOException {
        byte[] good = Kind.RGB8.png(5, 4, false, new byte[4 * 16]);
        int iend = good.length - 12;
        assertTrue(assertDecodeFails(write("no-iend.png", Arrays.copyOf(good, iend))).getMessage()
                .contains("the file ends without an IEND chunk"));
        assertTrue(assertDecodeFails(write("cut.png", Arrays.copyOf(good, iend - 5))).getMessage()
                .contains("chunk IDAT at byte 33 runs past the end of the file"));
        assertTrue(assertDecodeFails(write("cut-header.png", Arrays.copyOf(good, 8 + 6))).getMessage()
                .contains("the chunk at byte 8 is cut off"));
    }

    @Test
    void aPalettePngWithoutPlteIsRefused() throws IOException {
        byte[] png = CraftedPng.file(CraftedPng.ihdr(4, 3, 8, 3, false),
                CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[3 * 5])), CraftedPng.chunk("IEND", new byte[0]));
        assertTrue(assertDecodeFails(write("no-plte.png", png)).getMessage().contains("palette PNG without a PLTE chunk"));
    }

    @Test
    void headerLimitsAreCheckedBeforeAnythingIsAllocated() throws IOException {
        byte[] idat = CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[100]));
        byte[] iend = CraftedPng.chunk("IEND", new byte[0]);
        // 13 GB of 16-bit RGBA (within the pixel limit) from 100 compressed bytes: refused by the deflate ratio,
        // not by running out of memory
        IOException bomb = assertDecodeFails(write("bomb.png", CraftedPng.file(
                CraftedPng.ihdr(40_000, 40_000, 16, 6, false), idat, iend)));
        assertTrue(bomb.getMessage().contains("which cannot inflate to the 12800040000 bytes a 40000x40000 16-bit RGBA"),
                bomb.getMessage());
        IOException huge = assertDecodeFails(write("huge.png", CraftedPng.file(
                CraftedPng.ihdr(70_000, 70_000, 1, 0, false), idat, iend)));
        assertTrue(huge.getMessage().contains("IHDR declares 70000x70000 (h x w) = 4900000000 pixels, more than the limit of 2147483648"), huge.getMessage());
        IOException empty = assertDecodeFails(write("empty.png", CraftedPng.file(
                CraftedPng.ihdr(0, 5, 8, 0, false), idat, iend)));
        assertTrue(empty.getMessage().contains("IHDR gives a size of 0x5"), empty.getMessage());
        IOException depth = assertDecodeFails(write("depth.png", CraftedPng.file(
                CraftedPng.ihdr(5, 5, 4, 2, false), idat, iend)));
        assertTrue(depth.getMessage().contains("colour type 2 with bit depth 4"), depth.getMessage());
        IOException first = assertDecodeFails(write("first.png", CraftedPng.file(iend)));
        assertTrue(first.getMessage().contains("chunk IEND at byte 8 comes before IHDR"), first.getMessage());
    }

    @Test
    void anUnknownRowFilterIsRefused() throws IOException {
        byte[] raw = new byte[3 * 5];
        raw[5] = 5; // row 1's filter byte
        assertTrue(assertDecodeFails(write("filter.png", Kind.GRAY8.png(4, 3, false, raw))).getMessage()
                .contains("row 1 has filter type 5, not 0..4"));
    }

    @Test
    void javaFallbackInflatesAsLibdeflateDoes() throws IOException {
        byte[] raw = new byte[5000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i / 100);
        }
        byte[] packed = CraftedPng.zlib(raw);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(packed.length);
            MemorySegment.copy(packed, 0, in, ValueLayout.JAVA_BYTE, 0, packed.length);
            MemorySegment out = arena.allocate(raw.length);
            ZlibInflater.inflateJava(in, out, "x");
            assertArrayEquals(raw, out.toArray(ValueLayout.JAVA_BYTE));
            if (ZlibInflater.isNative()) {
                out.fill((byte) 0);
                ZlibInflater.inflateNative(in, out, "x");
                assertArrayEquals(raw, out.toArray(ValueLayout.JAVA_BYTE));
            }
            MemorySegment small = arena.allocate(raw.length - 1);
            MemorySegment large = arena.allocate(raw.length + 1);
            MemorySegment corrupt = arena.allocate(packed.length);
            MemorySegment.copy(in, 0, corrupt, 0, packed.length);
            corrupt.set(ValueLayout.JAVA_BYTE, packed.length / 2, (byte) ~packed[packed.length / 2]);
            for (boolean java : new boolean[] {true, false}) {
                if (!java && !ZlibInflater.isNative()) {
                    continue;
                }
                for (MemorySegment[] c : new MemorySegment[][] {{in, small}, {in, large}, {corrupt, out}}) {
                    IOException e = assertThrows(IOException.class, () -> {
                        if (java) {
                            ZlibInflater.inflateJava(c[0], c[1], "y");
                        } else {
                            ZlibInflater.inflateNative(c[0], c[1], "y");
                        }
                    });
                    assertTrue(e.getMessage().startsWith("cannot decode y: "), e.getMessage());
                }
            }
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Decoding {@code file} fails with an IOException naming it. */
    private static IOException assertDecodeFails(Path file) {
        IOException e = assertThrows(IOException.class, () -> {
            try (Arena arena = Arena.ofConfined()) {
                PngDecoder.of(ImageFile.read(file, arena)).samples(arena);
            }
        });
        assertTrue(e.getMessage().startsWith("cannot decode " + file + ": "), e.getMessage());
        return e;
    }

    private static byte[] bytes(Image image) {
        return image.data().asSlice(0, image.byteSize()).toArray(ValueLayout.JAVA_BYTE);
    }
}
