package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The row-major working copy border following runs on: the mask thresholded to 0/1 inside a
 * one-pixel frame of zeros, (h + 2) × (w + 2) bytes. The frame is what OpenCV's findContours adds
 * (copyMakeBorder) so that tracing never leaves the buffer and borders touching the image edge
 * are closed.
 */
final class PaddedBinaryImage {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong SEGMENT_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PaddedBinaryImage() {
    }

    /** The padded size in bytes, or an exception when it cannot be one Java array. */
    static int paddedSize(int h, int w) {
        long size = (h + 2L) * (w + 2L);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mask " + h + "x" + w
                    + " is too large for contour finding: its padded working copy would exceed 2^31 bytes");
        }
        return (int) size;
    }

    /**
     * Fills {@code image} (at least {@link #paddedSize} bytes, any content) with the padded 0/1 copy of
     * {@code mask}.
     */
    static void load(Mask mask, byte[] image) {
        int h = mask.h();
        int w = mask.w();
        int stride = w + 2;
        Arrays.fill(image, 0, stride, (byte) 0);
        Arrays.fill(image, (h + 1) * stride, (h + 2) * stride, (byte) 0);
        for (int y = 1; y <= h; y++) {
            image[y * stride] = 0;
            image[y * stride + w + 1] = 0;
        }
        if (mask.order() == Order.ROW_MAJOR) {
            loadRows(mask.data(), h, w, image);
        } else {
            loadColumns(mask.data(), h, w, image);
        }
    }

    private static void loadRows(MemorySegment data, int h, int w, byte[] image) {
        int stride = w + 2;
        for (int y = 0; y < h; y++) {
            Kernels.binarize(data, (long) y * w, image, (y + 1) * stride + 1, w);
        }
    }

    /**
     * Transposes a column-major mask in 8×8 tiles: 8 column pieces are read as longs, transposed in
     * registers into 8 row pieces and written as longs. The ragged right and bottom edges go pixel
     * by pixel.
     */
    private static void loadColumns(MemorySegment data, int h, int w, byte[] image) {
        int stride = w + 2;
        int fullRows = h & ~7;
        int fullColumns = w & ~7;
        for (int x = 0; x < fullColumns; x += 8) {
            for (int y = 0; y < fullRows; y += 8) {
                transposeTile(data, (long) x * h + y, h, image, (y + 1) * stride + x + 1, stride);
            }
            for (int y = fullRows; y < h; y++) {
                for (int dx = 0; dx < 8; dx++) {
                    image[(y + 1) * stride + x + dx + 1] = one(data, (long) (x + dx) * h + y);
                }
            }
        }
        for (int x = fullColumns; x < w; x++) {
            for (int y = 0; y < h; y++) {
                image[(y + 1) * stride + x + 1] = one(data, (long) x * h + y);
            }
        }
    }

    private static byte one(MemorySegment data, long offset) {
        return data.get(ValueLayout.JAVA_BYTE, offset) != 0 ? (byte) 1 : 0;
    }

    /** 8 columns of 8 pixels at {@code src} (column step h) to 8 rows at {@code dst} (row step stride). */
    private static void transposeTile(MemorySegment data, long src, int h, byte[] image, int dst, int stride) {
        // c_j holds column j, byte k = row k (little-endian); after the three block swaps c_k holds row k.
        long c0 = ones(data.get(SEGMENT_LONG, src));
        long c1 = ones(data.get(SEGMENT_LONG, src + h));
        long c2 = ones(data.get(SEGMENT_LONG, src + 2L * h));
        long c3 = ones(data.get(SEGMENT_LONG, src + 3L * h));
        long c4 = ones(data.get(SEGMENT_LONG, src + 4L * h));
        long c5 = ones(data.get(SEGMENT_LONG, src + 5L * h));
        long c6 = ones(data.get(SEGMENT_LONG, src + 6L * h));
        long c7 = ones(data.get(SEGMENT_LONG, src + 7L * h));
        long t;
        final long bytes = 0x00FF_00FF_00FF_00FFL;
        t = ((c0 >>> 8) ^ c1) & bytes; c1 ^= t; c0 ^= t << 8;
        t = ((c2 >>> 8) ^ c3) & bytes; c3 ^= t; c2 ^= t << 8;
        t = ((c4 >>> 8) ^ c5) & bytes; c5 ^= t; c4 ^= t << 8;
        t = ((c6 >>> 8) ^ c7) & bytes; c7 ^= t; c6 ^= t << 8;
        final long shorts = 0x0000_FFFF_0000_FFFFL;
        t = ((c0 >>> 16) ^ c2) & shorts; c2 ^= t; c0 ^= t << 16;
        t = ((c1 >>> 16) ^ c3) & shorts; c3 ^= t; c1 ^= t << 16;
        t = ((c4 >>> 16) ^ c6) & shorts; c6 ^= t; c4 ^= t << 16;
        t = ((c5 >>> 16) ^ c7) & shorts; c7 ^= t; c5 ^= t << 16;
        final long ints = 0x0000_0000_FFFF_FFFFL;
        t = ((c0 >>> 32) ^ c4) & ints; c4 ^= t; c0 ^= t << 32;
        t = ((c1 >>> 32) ^ c5) & ints; c5 ^= t; c1 ^= t << 32;
        t = ((c2 >>> 32) ^ c6) & ints; c6 ^= t; c2 ^= t << 32;
        t = ((c3 >>> 32) ^ c7) & ints; c7 ^= t; c3 ^= t << 32;
        LONGS.set(image, dst, c0);
        LONGS.set(image, dst + stride, c1);
        LONGS.set(image, dst + 2 * stride, c2);
        LONGS.set(image, dst + 3 * stride, c3);
        LONGS.set(image, dst + 4 * stride, c4);
        LONGS.set(image, dst + 5 * stride, c5);
        LONGS.set(image, dst + 6 * stride, c6);
        LONGS.set(image, dst + 7 * stride, c7);
    }

    /** Each byte becomes 1 if it was nonzero, else 0. */
    private static long ones(long bytes) {
        final long low7 = 0x7F7F_7F7F_7F7F_7F7FL;
        return (((bytes & low7) + low7 | bytes) & 0x8080_8080_8080_8080L) >>> 7;
    }
}
