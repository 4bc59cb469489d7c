package dev.segpack.image;

import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngWriter;
import ar.com.hjg.pngj.PngjException;

import dev.segpack.io.AtomicOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * PNG files by path: reading through {@link PngDecoder} (the file read once into memory), writing
 * through PNGJ, pixels off-heap. Reads take any PNG (every colour type, bit depths 1..16, interlaced or
 * not); 16-bit samples come out exact, little-endian.
 */
public final class PngFile {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PngFile() {
    }

    /** {@link PngDecoder#colours}: the stored samples, a palette expanded to its colours. */
    public static Image read(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            return PngDecoder.of(ImageFile.read(path, file)).colours(arena);
        }
    }

    /** The palette indices of an indexed (colour type 3) PNG, one UINT8 GRAY sample per pixel. */
    public static Image readPaletteIndices(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            PngDecoder png = PngDecoder.of(ImageFile.read(path, file));
            if (!png.header().indexed()) {
                throw new IOException("cannot read palette indices of " + path + ": it is a "
                        + png.header().describe() + " PNG, not a palette PNG");
            }
            return png.samples(arena);
        }
    }

    /** {@link PngDecoder#bgr}: BGR bytes as cv2.imread(path, IMREAD_COLOR) returns them. */
    public static Image readBgr(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            return PngDecoder.of(ImageFile.read(path, file)).bgr(arena);
        }
    }

    /**
     * Writes GRAY, GRAY_ALPHA, RGB or RGBA images (8 or 16-bit) and BGR images (8-bit, stored as RGB),
     * through a temporary file in the same directory that replaces {@code path} atomically.
     */
    public static void write(Path path, Image image) throws IOException {
        if (image.h() < 1 || image.w() < 1) {
            throw new IllegalArgumentException("cannot write " + path + ": PNG needs at least 1x1 pixels, not "
                    + image.h() + "x" + image.w());
        }
        if (image.format() == PixelFormat.BGR && image.sampleType() != SampleType.UINT8) {
            throw new IllegalArgumentException("cannot write " + path + ": BGR images are written as 8-bit RGB only");
        }
        PixelFormat format = image.format();
        boolean gray = format == PixelFormat.GRAY || format == PixelFormat.GRAY_ALPHA;
        boolean alpha = format == PixelFormat.GRAY_ALPHA || format == PixelFormat.RGBA;
        ImageInfo info = new ImageInfo(image.w(), image.h(), image.sampleType() == SampleType.UINT16 ? 16 : 8,
                alpha, gray, false);
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (OutputStream out = new BufferedOutputStream(target.stream(), 1 << 16)) {
                writeRows(new PngWriter(out, info), image);
            }
            target.commit();
        } catch (PngjException e) {
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static void writeRows(PngWriter writer, Image image) {
        writer.setShouldCloseStream(false);
        int samples = image.w() * image.channels();
        if (image.sampleType() == SampleType.UINT16) {
            ImageLineInt line = new ImageLineInt(writer.imgInfo);
            int[] scanline = line.getScanline();
            short[] row = new short[samples];
            for (int y = 0; y < image.h(); y++) {
                MemorySegment.copy(image.data(), U16, y * image.rowBytes(), row, 0, samples);
                for (int i = 0; i < samples; i++) {
                    scanline[i] = Short.toUnsignedInt(row[i]);
                }
                writer.writeRow(line);
            }
        } else {
            ImageLineByte line = new ImageLineByte(writer.imgInfo);
            byte[] scanline = line.getScanline();
            for (int y = 0; y < image.h(); y++) {
                MemorySegment.copy(image.data(), ValueLayout.JAVA_BYTE, y * image.rowBytes(), scanline, 0, samples);
                if (image.format() == PixelFormat.BGR) {
                    for (int i = 0; i < samples; i += 3) {
                        byte blue = scanline[i];
                        scanline[i] = scanline[i + 2];
                        scanline[i + 2] = blue;
                    }
                }
                writer.writeRow(line);
            }
        }
        writer.end();
    }
}
