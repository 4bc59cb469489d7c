package dev.segpack.image;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.mask.Order;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An h×w image held off-heap: pixels row-major, samples of a pixel interleaved, rows packed without
 * padding (the layout of a C-order numpy array [h, w, channels]). The image does not own its memory:
 * its lifetime is that of the segment's arena.
 */
public record Image(MemorySegment data, int h, int w, PixelFormat format, SampleType sampleType) {

    public Image {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("negative image size " + h + "x" + w);
        }
        long needed = byteSize(h, w, format, sampleType);
        if (data.byteSize() < needed) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes is too small for a "
                    + h + "x" + w + " " + format + " " + sampleType + " image (" + needed + " bytes)");
        }
    }

    /** An image allocated in {@code arena}, aligned for vector access; more pixels than {@link PixelLimit} allows are refused. */
    public static Image allocate(Arena arena, int h, int w, PixelFormat format, SampleType sampleType) {
        PixelLimit.checkedPixels(h, w);
        MemorySegment data = arena.allocate(Math.max(1L, byteSize(h, w, format, sampleType)), 64);
        return new Image(data, h, w, format, sampleType);
    }

    /** Bytes an image of this geometry occupies. */
    public static long byteSize(int h, int w, PixelFormat format, SampleType sampleType) {
        return Math.multiplyExact(Math.multiplyExact((long) h, w), (long) format.channels * sampleType.bytes);
    }

    public int channels() {
        return format.channels;
    }

    public long rowBytes() {
        return (long) w * format.channels * sampleType.bytes;
    }

    public long byteSize() {
        return rowBytes() * h;
    }

    /** This single-channel image viewed as a row-major label map over the same memory (no copy). */
    public LabelMap asLabelMap() {
        if (format.channels != 1) {
            throw new IllegalStateException("a " + format + " image has " + format.channels
                    + " channels; only a single-channel image is a label map");
        }
        LabelMap.LabelType type = sampleType == SampleType.UINT8 ? LabelMap.LabelType.UINT8 : LabelMap.LabelType.UINT16;
        return new LabelMap(data, h, w, type, Order.ROW_MAJOR);
    }
}
