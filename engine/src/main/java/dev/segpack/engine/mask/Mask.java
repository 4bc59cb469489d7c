package dev.segpack.engine.mask;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An h×w uint8 mask held off-heap in one segment, in either pixel order. Any nonzero byte is
 * foreground. The mask does not own its memory: its lifetime is that of the segment's arena.
 */
public record Mask(MemorySegment data, int h, int w, Order order) {

    /** The largest pixel count a COCO RLE can describe: counts are uint32. */
    public static final long MAX_PIXELS = 0xFFFF_FFFFL;

    public Mask {
        checkedPixels(h, w);
        if (data.byteSize() < (long) h * w) {
            throw new IllegalArgumentException(
                    "segment of " + data.byteSize() + " bytes is too small for a " + h + "x" + w + " mask");
        }
    }

    /** A zeroed mask allocated in {@code arena}; more pixels than {@link PixelLimit} allows are refused. */
    public static Mask allocate(Arena arena, int h, int w, Order order) {
        checkedPixels(h, w);
        PixelLimit.checkedPixels(h, w);
        return new Mask(arena.allocate(Math.max(1L, (long) h * w), 64), h, w, order);
    }

    /** A mask over a heap array, for tests and small callers; the array is shared, not copied. */
    public static Mask ofArray(byte[] pixels, int h, int w, Order order) {
        return new Mask(MemorySegment.ofArray(pixels), h, w, order);
    }

    public long pixels() {
        return (long) h * w;
    }

    public byte get(int y, int x) {
        return data.get(ValueLayout.JAVA_BYTE, order.index(y, x, h, w));
    }

    public void set(int y, int x, byte value) {
        data.set(ValueLayout.JAVA_BYTE, order.index(y, x, h, w), value);
    }

    /** Copies the pixels into a new heap array in {@code target} order. */
    public byte[] toArray(Order target) {
        byte[] out = new byte[Math.toIntExact(pixels())];
        if (target == order) {
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, out, 0, out.length);
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(int) target.index(y, x, h, w)] = get(y, x);
                }
            }
        }
        return out;
    }

    /**
     * h·w, the pixels of an h×w mask: the one size check of every mask, label map and RLE.
     *
     * @throws IllegalArgumentException for a negative size or more than {@link #MAX_PIXELS} pixels
     */
    public static long checkedPixels(int h, int w) {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("negative mask size " + h + "x" + w);
        }
        long pixels = (long) h * w;
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException("mask " + h + "x" + w + " has more than 2^32-1 pixels,"
                    + " which COCO RLE (uint32 counts) cannot describe");
        }
        return pixels;
    }
}
