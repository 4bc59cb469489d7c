package dev.segpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PNGs written from runs hold exactly the runs' pixels, read back by segpack's decoder (whose zlib checks the
 * checksum) and by Pillow; the checksum and the Huffman codes on their own against their definitions.
 */
class RunPngEncoderTest {

    enum Kind {
        GRAY8(PixelFormat.GRAY, SampleType.UINT8), GRAY16(PixelFormat.GRAY, SampleType.UINT16),
        GRAY_ALPHA8(PixelFormat.GRAY_ALPHA, SampleType.UINT8), GRAY_ALPHA16(PixelFormat.GRAY_ALPHA, SampleType.UINT16),
        RGB8(PixelFormat.RGB, SampleType.UINT8), RGBA8(PixelFormat.RGBA, SampleType.UINT8);

        final PixelFormat format;
        final SampleType type;

        Kind(PixelFormat format, SampleType type) {
            this.format = format;
            this.type = type;
        }

        int bytesPerPixel() {
            return format.channels * type.bytes;
        }
    }

    /** Rows of runs, each row a copy of the one above, the same with its boundaries moved, or new. */
    record Runs(Kind kind, int h, int w, int[][] starts, int[][] pixels) implements RunImage {

        static Runs random(Kind kind, int h, int w, long seed) {
            Random random = new Random(seed);
            int[] palette = new int[6];
            for (int i = 0; i < palette.length; i++) {
                palette[i] = (int) (random.nextLong() & ((1L << (8 * kind.bytesPerPixel())) - 1));
            }
            palette[1] = 0;
            palette[2] = (palette[2] & 0xFF) * 0x01010101 & (int) ((1L << (8 * kind.bytesPerPixel())) - 1); // uniform
            int[][] starts = new int[h][];
            int[][] pixels = new int[h][];
            for (int y = 0; y < h; y++) {
                int choice = random.nextInt(4);
                if (y > 0 && choice == 0) {
                    starts[y] = starts[y - 1];
                    pixels[y] = pixels[y - 1];
                } else if (y > 0 && choice == 1) {
                    starts[y] = starts[y - 1].clone();
                    pixels[y] = pixels[y - 1];
                    for (int i = 1; i < starts[y].length; i++) {
                        int moved = starts[y][i] + random.nextInt(5) - 2;
                        int next = i + 1 < starts[y].length ? starts[y - 1][i + 1] : w;
                        starts[y][i] = Math.clamp(moved, starts[y][i - 1] + 1, next - 1);
                    }
                } else {
                    List<Integer> s = new ArrayList<>(List.of(0));
                    while (s.getLast() < w - 1 && random.nextInt(6) > 0) {
                        s.add(s.getLast() + 1 + random.nextInt(random.nextBoolean() ? 3 : Math.max(1, w / 2)));
                    }
                    starts[y] = s.stream().mapToInt(Integer::intValue).filter(x -> x < w).toArray();
                    pixels[y] = new int[starts[y].length];
                    for (int i = 0; i < pixels[y].length; i++) {
                        pixels[y][i] = palette[random.nextInt(palette.length)];
                    }
                }
            }
            return new Runs(kind, h, w, starts, pixels);
        }

        @Override
        public PixelFormat format() {
            return kind.format;
        }

        @Override
        public SampleType sampleType() {
            return kind.type;
        }

        @Override
        public int row(int y, int[] rowStarts, int[] rowPixels) {
            System.arraycopy(starts[y], 0, rowStarts, 0, starts[y].length);
            System.arraycopy(pixels[y], 0, rowPixels, 0, pixels[y].length);
            return starts[y].length;
        }

        /** The pixels as an image: samples in memory order (16-bit little-endian). */
        Image image(Arena arena) {
            Image image = Image.allocate(arena, h, w, kind.format, kind.type);
            int bpp = kind.bytesPerPixel();
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < starts[y].length; i++) {
                    int end = i + 1 < starts[y].length ? starts[y][i + 1] : w;
                    for (int x = starts[y][i]; x < end; x++) {
                        for (int k = 0; k < bpp; k++) {
                            int inFile = kind.type == SampleType.UINT16 ? k ^ 1 : k; // big-endian in the file
                            image.data().set(ValueLayout.JAVA_BYTE, ((long) y * w + x) * bpp + inFile,
                                    (byte) (pixels[y][i] >>> (8 * k)));
                        }
                    }
                }
            }
            return image;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readBackExactly(Kind kind, @TempDir Path dir) throws IOException {
        RunPngEncoder encoder = new RunPngEncoder();
        int[][] sizes = {{1, 1}, {1, 700}, {40, 1}, {37, 300}, {64, 1031}};
        for (int[] size : sizes) {
            for (long seed = 0; seed < 4; seed++) {
                Runs runs = Runs.random(kind, size[0], size[1], 31 * seed + kind.ordinal());
                Path file = dir.resolve(kind + "-" + size[0] + "x" + size[1] + "-" + seed + ".png");
                write(file, encoder.encode(runs));
                try (Arena arena = Arena.ofConfined()) {
                    Image read = PngFile.read(file, arena);
                    Image expected = runs.image(arena);
                    assertEquals(List.of(expected.h(), expected.w(), expected.format(), expected.sampleType()),
                            List.of(read.h(), read.w(), read.format(), read.sampleType()), file.toString());
                    assertEquals(-1, MemorySegment.mismatch(expected.data(), 0, expected.byteSize(), read.data(), 0,
                            read.byteSize()), file.toString());
                }
            }
        }
    }

    @Test
    void pillowReadsWhatItWrites(@TempDir Path dir) throws Exception {
        RunPngEncoder encoder = new RunPngEncoder();
        List<String> files = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            for (Kind kind : List.of(Kind.GRAY8, Kind.GRAY16, Kind.GRAY_ALPHA8, Kind.RGB8, Kind.RGBA8)) {
                Runs runs = Runs.random(kind, 50, 613, 7 + kind.ordinal());
                Path file = dir.resolve(kind + ".png");
                write(file, encoder.encode(runs));
                files.add(file.toString());
                expected.add(ImageTestData.md5(runs.image(arena)));
            }
        }
        assertEquals(expected, ImageTestData.pillowMd5s(files));
    }

    @Test
    void runsThatAreNotRowsAreRefused() {
        RunPngEncoder encoder = new RunPngEncoder();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new Runs(Kind.GRAY8, 1, 4,
                new int[][] {{1}}, new int[][] {{3}})));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new Runs(Kind.GRAY8, 1, 4,
                new int[][] {{0, 2, 2}}, new int[][] {{3, 4, 5}})));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new Runs(Kind.GRAY8, 1, 4,
                new int[][] {{0, 4}}, new int[][] {{3, 4}})));
    }

    @Test
    void adlerOfRunsEqualsAdlerOfTheirBytes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            RunAdler32 runs = new RunAdler32();
            Adler32 bytes = new Adler32();
            for (int piece = 0; piece < 20; piece++) {
                if (random.nextInt(4) == 0) {
                    int b = random.nextInt(256);
                    runs.update(b);
                    bytes.update(b);
                    continue;
                }
                int k = 1 + random.nextInt(4);
                int pattern = random.nextInt(3) == 0 ? 0 : random.nextInt();
                int n = switch (random.nextInt(10)) { // short runs, long ones, and either side of the short-run limit
                    case 0 -> 100_000 + random.nextInt(200_000);
                    case 1 -> 65_530 + random.nextInt(12);
                    default -> random.nextInt(300);
                };
                runs.updateRun(pattern, k, n);
                byte[] expanded = new byte[n * k];
                for (int i = 0; i < expanded.length; i++) {
                    expanded[i] = (byte) (pattern >>> (8 * (i % k)));
                }
                bytes.update(expanded);
            }
            assertEquals((int) bytes.getValue(), runs.value(), "trial " + trial);
        }
    }

    @Test
    void huffmanCodesAreCompleteAndWithinTheirLimit() {
        Random random = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int limit = trial % 2 == 0 ? 15 : 7;
            int n = limit == 15 ? 2 + random.nextInt(285) : 2 + random.nextInt(18);
            int[] frequencies = new int[n];
            for (int s = 0; s < n; s++) {
                frequencies[s] = switch (trial % 3) {
                    case 0 -> random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1000);
                    case 1 -> s < 40 ? (int) Math.min(Integer.MAX_VALUE >> 2, Math.round(Math.pow(1.6, s))) : 0; // deep trees
                    default -> random.nextInt(n) < 2 ? 1 + random.nextInt(50) : 0; // one or two symbols
                };
            }
            HuffmanCode code = HuffmanCode.of(frequencies, n, limit);
            double kraft = 0;
            int coded = 0;
            for (int s = 0; s < n; s++) {
                assertTrue(code.lengths[s] <= limit, "trial " + trial);
                assertTrue(frequencies[s] == 0 || code.lengths[s] > 0, "a used symbol has a code");
                if (code.lengths[s] > 0) {
                    kraft += Math.pow(2, -code.lengths[s]);
                    coded++;
                }
            }
            assertTrue(coded >= 2, "trial " + trial);
            assertEquals(1.0, kraft, 1e-12, "trial " + trial + ": " + Arrays.toString(code.lengths));
        }
    }

    private static void write(Path file, ByteBuffer png) throws IOException {
        byte[] bytes = new byte[png.remaining()];
        png.get(bytes);
        Files.write(file, bytes);
    }
}
