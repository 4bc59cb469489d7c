package dev.segpack.maskimg;

import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The fast path for the PNGs masks usually are: 8-bit, gray or palette, not interlaced. The image data
 * is inflated in one call ({@link ZlibInflater}) and unfiltered row by row straight into an off-heap
 * gray image (palette PNGs give their indices). Other PNGs return null and go through PNGJ; measured on
 * 480×640 mask PNGs this path takes ~0.2 ms where PNGJ takes ~1.5 ms.
 */
final class MaskPng {

    private static final ValueLayout.OfInt BIG_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;

    private MaskPng() {
    }

    /** The samples (palette indices for a palette PNG) as one GRAY UINT8 image, or null when not on the fast path. */
    static Image read(Path path, Arena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena scratch = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), scratch);
            if (file.byteSize() < 33 || file.get(BIG_INT, 12) != IHDR) {
                return null;
            }
            int w = file.get(BIG_INT, 16);
            int h = file.get(BIG_INT, 20);
            int depth = file.get(ValueLayout.JAVA_BYTE, 24);
            int colour = file.get(ValueLayout.JAVA_BYTE, 25);
            int interlace = file.get(ValueLayout.JAVA_BYTE, 28);
            if (depth != 8 || (colour != 0 && colour != 3) || interlace != 0 || w <= 0 || h <= 0) {
                return null;
            }
            MemorySegment data = idat(file, scratch, path);
            MemorySegment raw = scratch.allocate((long) (w + 1) * h, 64);
            ZlibInflater.inflate(data, raw, path.toString());
            Image image = Image.allocate(arena, h, w, PixelFormat.GRAY, SampleType.UINT8);
            unfilter(raw, image.data(), h, w, path);
            return image;
        }
    }

    /** The IDAT payloads, concatenated into one segment. */
    private static MemorySegment idat(MemorySegment file, Arena arena, Path path) throws IOException {
        long total = 0;
        long at = 8;
        long size = file.byteSize();
        while (at + 8 <= size) {
            long length = Integer.toUnsignedLong(file.get(BIG_INT, at));
            int type = file.get(BIG_INT, at + 4);
            if (at + 12 + length > size) {
                throw new IOException("cannot decode " + path + ": a chunk runs past the end of the file (truncated?)");
            }
            if (type == IDAT) {
                total += length;
            } else if (type == IEND) {
                break;
            }
            at += 12 + length;
        }
        MemorySegment data = arena.allocate(Math.max(1, total));
        long written = 0;
        at = 8;
        while (written < total) {
            long length = Integer.toUnsignedLong(file.get(BIG_INT, at));
            if (file.get(BIG_INT, at + 4) == IDAT) {
                MemorySegment.copy(file, at + 8, data, written, length);
                written += length;
            }
            at += 12 + length;
        }
        if (total == 0) {
            throw new IOException("cannot decode " + path + ": no image data (IDAT) in the file");
        }
        return data;
    }

    /** Reverses the per-row filters (PNG spec 9.2, 1 byte per pixel) from {@code raw} into {@code out}. */
    private static void unfilter(MemorySegment raw, MemorySegment out, int h, int w, Path path) throws IOException {
        byte[] previous = new byte[w];
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            long at = (long) y * (w + 1);
            int filter = raw.get(ValueLayout.JAVA_BYTE, at);
            MemorySegment.copy(raw, ValueLayout.JAVA_BYTE, at + 1, row, 0, w);
            switch (filter) {
                case 0 -> { }
                case 1 -> {
                    for (int x = 1; x < w; x++) {
                        row[x] += row[x - 1];
                    }
                }
                case 2 -> {
                    for (int x = 0; x < w; x++) {
                        row[x] += previous[x];
                    }
                }
                case 3 -> {
                    row[0] += (byte) ((previous[0] & 0xFF) >>> 1);
                    for (int x = 1; x < w; x++) {
                        row[x] += (byte) (((row[x - 1] & 0xFF) + (previous[x] & 0xFF)) >>> 1);
                    }
                }
                case 4 -> {
                    row[0] += previous[0];
                    for (int x = 1; x < w; x++) {
                        row[x] += paeth(row[x - 1] & 0xFF, previous[x] & 0xFF, previous[x - 1] & 0xFF);
                    }
                }
                default -> throw new IOException("cannot decode " + path + ": row " + y + " has filter type " + filter
                        + ", not 0..4");
            }
            MemorySegment.copy(row, 0, out, ValueLayout.JAVA_BYTE, (long) y * w, w);
            byte[] swap = previous;
            previous = row;
            row = swap;
        }
    }

    private static byte paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
