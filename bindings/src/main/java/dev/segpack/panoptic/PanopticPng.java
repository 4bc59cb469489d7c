package dev.segpack.panoptic;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * COCO panoptic PNGs: each pixel's colour is its segment id, {@code id = R + 256·G + 65536·B}
 * (panopticapi's rgb2id / id2rgb); 0 is void.
 */
public final class PanopticPng {

    /** Largest id a colour can hold. */
    public static final int MAX_ID = 0xFF_FFFF;

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PanopticPng() {
    }

    /** rgb2id of one colour. */
    public static int rgbToId(int r, int g, int b) {
        return r + 256 * g + 65536 * b;
    }

    /** id2rgb of one id in 0..{@link #MAX_ID}: {r, g, b}. */
    public static int[] idToRgb(int id) {
        checkedId(id);
        return new int[] {id & 0xFF, (id >>> 8) & 0xFF, (id >>> 16) & 0xFF};
    }

    /**
     * The id map of an 8-bit RGB (or RGBA, alpha ignored as rgb2id ignores it) panoptic PNG: an INT32
     * row-major label map allocated in {@code arena}.
     */
    public static LabelMap readIds(Path png, Arena arena) throws IOException {
        try (Arena pixels = Arena.ofConfined()) {
            Image image = PngFile.read(png, pixels);
            if (image.sampleType() != SampleType.UINT8
                    || (image.format() != PixelFormat.RGB && image.format() != PixelFormat.RGBA)) {
                throw new PanopticFormatException(png + ": a panoptic PNG must be 8-bit RGB, not "
                        + image.sampleType() + " " + image.format());
            }
            LabelMap ids = LabelMap.allocate(arena, image.h(), image.w(), LabelMap.LabelType.INT32, Order.ROW_MAJOR);
            rgbToIds(image.data(), image.channels(), ids.data(), ids.pixels());
            return ids;
        }
    }

    /** Writes a row-major id map as an 8-bit RGB panoptic PNG (atomically); every id must be in 0..{@link #MAX_ID}. */
    public static void writeIds(Path png, LabelMap ids) throws IOException {
        if (ids.type() != LabelMap.LabelType.INT32 || ids.order() != Order.ROW_MAJOR) {
            throw new IllegalArgumentException("panoptic ids must be an INT32 row-major label map, not "
                    + ids.type() + " " + ids.order());
        }
        try (Arena pixels = Arena.ofConfined()) {
            Image image = Image.allocate(pixels, ids.h(), ids.w(), PixelFormat.RGB, SampleType.UINT8);
            idsToRgb(ids.data(), ids.pixels(), image.data(), png);
            PngFile.write(png, image);
        }
    }

    /** rgb2id over {@code pixels} interleaved 8-bit pixels of {@code channels} samples (R, G, B first). */
    static void rgbToIds(MemorySegment rgb, int channels, MemorySegment ids, long pixels) {
        for (long i = 0, o = 0; i < pixels; i++, o += channels) {
            int r = Byte.toUnsignedInt(rgb.get(ValueLayout.JAVA_BYTE, o));
            int g = Byte.toUnsignedInt(rgb.get(ValueLayout.JAVA_BYTE, o + 1));
            int b = Byte.toUnsignedInt(rgb.get(ValueLayout.JAVA_BYTE, o + 2));
            ids.set(I32, i * 4, r | g << 8 | b << 16);
        }
    }

    private static void idsToRgb(MemorySegment ids, long pixels, MemorySegment rgb, Path png) {
        for (long i = 0, o = 0; i < pixels; i++, o += 3) {
            int id = ids.get(I32, i * 4);
            if (id < 0 || id > MAX_ID) {
                throw new PanopticFormatException(png + ": segment id " + Integer.toUnsignedString(id)
                        + " does not fit in an RGB colour (max " + MAX_ID + ")");
            }
            rgb.set(ValueLayout.JAVA_BYTE, o, (byte) id);
            rgb.set(ValueLayout.JAVA_BYTE, o + 1, (byte) (id >>> 8));
            rgb.set(ValueLayout.JAVA_BYTE, o + 2, (byte) (id >>> 16));
        }
    }

    /** {@code id} as an int when it is in 0..{@link #MAX_ID}, else an IllegalArgumentException saying so. */
    private static int checkedId(long id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("segment id " + id + " does not fit in an RGB colour (max " + MAX_ID + ")");
        }
        return (int) id;
    }
}
