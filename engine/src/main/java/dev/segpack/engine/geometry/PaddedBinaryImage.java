package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGH = 0x8080_8080_8080_8080L;
    /** Columns a column-major source is transposed in at once: that many read streams stay in cache. */
    private static final int TRANSPOSE_COLUMNS = 16;

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
        java.util.Arrays.fill(image, 0, stride, (byte) 0);
        java.util.Arrays.fill(image, (h + 1) * stride, (h + 2) * stride, (byte) 0);
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
            long src = (long) y * w;
            int dst = (y + 1) * stride + 1;
            int x = 0;
            for (; x + 8 <= w; x += 8) {
                LONGS.set(image, dst + x, toOnes(data.get(SEGMENT_LONG, src + x)));
            }
            for (; x < w; x++) {
                image[dst + x] = data.get(ValueLayout.JAVA_BYTE, src + x) != 0 ? (byte) 1 : 0;
            }
        }
    }

    /** Each byte of {@code bytes} becomes 1 if it was nonzero, else 0. */
    private static long toOnes(long bytes) {
        return (((bytes & LOW7) + LOW7 | bytes) & HIGH) >>> 7;
    }

    private static void loadColumns(MemorySegment data, int h, int w, byte[] image) {
        int stride = w + 2;
        for (int x0 = 0; x0 < w; x0 += TRANSPOSE_COLUMNS) {
            int x1 = Math.min(w, x0 + TRANSPOSE_COLUMNS);
            for (int y = 0; y < h; y++) {
                int dst = (y + 1) * stride + 1;
                for (int x = x0; x < x1; x++) {
                    image[dst + x] = data.get(ValueLayout.JAVA_BYTE, (long) x * h + y) != 0 ? (byte) 1 : 0;
                }
            }
        }
    }
}
