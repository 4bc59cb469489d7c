package dev.segpack.maskimg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngWriter;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The mask PNG fast path gives PNGJ's samples for every row filter, and refuses broken files by name. */
class MaskPngTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = FilterType.class, names = {"FILTER_NONE", "FILTER_SUB", "FILTER_UP", "FILTER_AVERAGE",
            "FILTER_PAETH", "FILTER_ADAPTIVE_FULL"})
    void everyRowFilterDecodesAsPngjDoes(FilterType filter) throws IOException {
        Path file = tmp.resolve(filter + ".png");
        int h = 23, w = 37;
        byte[] pixels = new byte[h * w];
        SplittableRandom random = new SplittableRandom(filter.ordinal());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : i % 7 * 30);
        }
        writeGray(file, pixels, h, w, filter);
        try (Arena arena = Arena.ofConfined()) {
            Image fast = MaskPng.read(file, arena);
            Image reference = PngFile.read(file, arena);
            assertEquals(PixelFormat.GRAY, fast.format());
            assertArrayEquals(bytes(reference), bytes(fast));
        }
    }

    @Test
    void paletteGivesIndicesAndOtherKindsAreLeftToPngj() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path palette = dev.segpack.engine.testing.Testdata.path("maskimg/map/m2.png");
            assertArrayEquals(bytes(PngFile.readPaletteIndices(palette, arena)), bytes(MaskPng.read(palette, arena)));
            assertNull(MaskPng.read(dev.segpack.engine.testing.Testdata.path("maskimg/map/m3.png"), arena), "16-bit");
            assertNull(MaskPng.read(dev.segpack.engine.testing.Testdata.path("maskimg/colour/k.png"), arena), "RGB");
        }
    }

    @Test
    void truncatedOrCorruptDataIsAnErrorNamingTheFile() throws IOException {
        Path good = tmp.resolve("good.png");
        byte[] pixels = new byte[40 * 50];
        Arrays.fill(pixels, 300, 900, (byte) 255);
        writeGray(good, pixels, 40, 50, FilterType.FILTER_SUB);
        byte[] file = Files.readAllBytes(good);
        Path truncated = tmp.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(file, file.length - 30));
        Path corrupt = tmp.resolve("corrupt.png");
        byte[] flipped = file.clone();
        for (int i = 45; i < 60; i++) {
            flipped[i] ^= 0x5A; // inside the IDAT payload
        }
        Files.write(corrupt, flipped);
        try (Arena arena = Arena.ofConfined()) {
            for (Path bad : new Path[] {truncated, corrupt}) {
                IOException e = assertThrows(IOException.class, () -> MaskPng.read(bad, arena));
                assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            }
        }
    }

    @Test
    void javaFallbackInflatesAsLibdeflateDoes() throws IOException {
        byte[] raw = new byte[5000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i / 100);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] packed = new byte[6000];
        int n = deflater.deflate(packed);
        deflater.end();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(n);
            MemorySegment.copy(packed, 0, in, ValueLayout.JAVA_BYTE, 0, n);
            MemorySegment out = arena.allocate(raw.length);
            ZlibInflater.inflateJava(in, out, "x");
            assertArrayEquals(raw, out.toArray(ValueLayout.JAVA_BYTE));
            if (ZlibInflater.isNative()) {
                out.fill((byte) 0);
                ZlibInflater.inflateNative(in, out, "x");
                assertArrayEquals(raw, out.toArray(ValueLayout.JAVA_BYTE));
            }
            MemorySegment small = arena.allocate(raw.length - 1);
            assertThrows(IOException.class, () -> ZlibInflater.inflate(in, small, "y"), "a size other than expected");
        }
    }

    private static byte[] bytes(Image image) {
        return image.data().asSlice(0, image.byteSize()).toArray(ValueLayout.JAVA_BYTE);
    }

    private static void writeGray(Path file, byte[] pixels, int h, int w, FilterType filter) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            PngWriter writer = new PngWriter(out, new ImageInfo(w, h, 8, false, true, false));
            writer.setFilterType(filter);
            ImageLineByte line = new ImageLineByte(writer.imgInfo);
            for (int y = 0; y < h; y++) {
                System.arraycopy(pixels, y * w, line.getScanline(), 0, w);
                writer.writeRow(line);
            }
            writer.end();
        }
    }
}
