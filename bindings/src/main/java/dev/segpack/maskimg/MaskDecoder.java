package dev.segpack.maskimg;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.image.Image;
import dev.segpack.image.ImageDecoder;
import dev.segpack.image.ImageFile;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngDecoder;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads mask files into masks. A pixel's value is its stored sample for gray PNGs (8 or 16-bit; the
 * gray of gray+alpha), its index for palette PNGs, and for colour PNGs and every JPEG the luma
 * cv2.cvtColor(…, COLOR_BGR2GRAY) computes from the decoded colours (equal to the stored gray of a
 * gray JPEG). JPEGs are decoded as cv2.imread does (libjpeg-turbo, EXIF orientation applied); PNGs
 * are read as stored. Each file comes read into memory (an ImageFile, from wherever the caller read it)
 * and is decoded from there.
 */
final class MaskDecoder {

    /** Threshold meaning "by format": 127 for JPEG (compression noise stays background), 0 for PNG. */
    static final int DEFAULT_THRESHOLD = -1;
    static final int JPEG_THRESHOLD = 127;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    // cv2's fixed-point BGR2GRAY: 14-bit coefficients of 0.299, 0.587, 0.114
    private static final int R_WEIGHT = 4899;
    private static final int G_WEIGHT = 9617;
    private static final int B_WEIGHT = 1868;

    private MaskDecoder() {
    }

    /**
     * A binary mask of {@code file}: 1 where the value is above {@code threshold}
     * ({@link #DEFAULT_THRESHOLD}: 127 for JPEG, 0 for PNG), row-major, in {@code arena}.
     */
    static Mask readBinary(ImageFile file, int threshold, Arena arena) throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            boolean jpeg = file.kind() == ImageFile.Kind.JPEG;
            int limit = threshold != DEFAULT_THRESHOLD ? threshold : jpeg ? JPEG_THRESHOLD : 0;
            Image image;
            if (jpeg) {
                try (ImageDecoder decoder = ImageDecoder.open()) {
                    image = decoder.decodeBgr(file, scratch);
                }
            } else {
                PngDecoder png = PngDecoder.of(file);
                if (limit == 0 && png.header().storedFormat() == PixelFormat.GRAY
                        && png.header().sampleType() == SampleType.UINT8) {
                    // nonzero is foreground: the decoded bytes already are the mask
                    Image gray = png.samples(arena);
                    return new Mask(gray.data(), gray.h(), gray.w(), Order.ROW_MAJOR);
                }
                image = png.samples(scratch);
            }
            Mask mask = Mask.allocate(arena, image.h(), image.w(), Order.ROW_MAJOR);
            if (image.sampleType() == SampleType.UINT8) {
                MemorySegment gray = image.format() == PixelFormat.GRAY ? image.data() : grayPlane(image, scratch);
                Kernels.threshold(gray, (long) image.h() * image.w(), limit, mask.data());
                return mask;
            }
            // 16-bit values reach past the uint8 threshold kernel
            int[] values = new int[image.w()];
            byte[] row = new byte[image.w()];
            for (int y = 0; y < image.h(); y++) {
                gray(image, y, values);
                for (int x = 0; x < row.length; x++) {
                    row[x] = values[x] > limit ? (byte) 1 : 0;
                }
                MemorySegment.copy(row, 0, mask.data(), ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
            }
            return mask;
        }
    }

    /**
     * The multi-valued map of {@code file} (a PNG) with every pixel turned into its category map entry
     * + 1, 0 for background; a value the map does not know is an error naming the file, value and pixel.
     */
    static LabelMap readEntries(ImageFile file, CategoryMap map, Arena arena) throws IOException {
        String path = file.source();
        try (Arena scratch = Arena.ofConfined()) {
            if (file.kind() != ImageFile.Kind.PNG) {
                throw new IOException(path + ": multi-valued maps must be PNG (JPEG compression changes pixel values)");
            }
            PngDecoder png = PngDecoder.of(file);
            Image image = png.samples(scratch);
            boolean colour = image.format() == PixelFormat.RGB || image.format() == PixelFormat.RGBA;
            if (colour != map.usesColours()) {
                throw new IOException(path + ": is a " + (colour ? "colour" : png.header().indexed() ? "palette" : "gray")
                        + " PNG but " + map.source() + " gives " + (map.usesColours() ? "colours" : "gray/palette values")
                        + " for its categories");
            }
            int entries = map.entries().size();
            LabelMap out = LabelMap.allocate(arena, image.h(), image.w(),
                    entries < 0xFFFF ? LabelMap.LabelType.UINT16 : LabelMap.LabelType.INT32, Order.ROW_MAJOR);
            int[] values = new int[image.w()];
            long lastValue = Long.MIN_VALUE;
            int lastEntry = 0;
            for (int y = 0; y < image.h(); y++) {
                if (colour) {
                    colours(image, y, values);
                } else {
                    gray(image, y, values);
                }
                long rowStart = (long) y * image.w();
                for (int x = 0; x < values.length; x++) {
                    long value = colour ? values[x] | CategoryMap.COLOUR : values[x];
                    if (value != lastValue) {
                        lastValue = value;
                        lastEntry = entryOf(map, value, path, x, y);
                    }
                    out.setFlat(rowStart + x, lastEntry);
                }
            }
            return out;
        }
    }

    /** The gray values (see the class comment) of an 8-bit image with more than one channel, one byte each. */
    private static MemorySegment grayPlane(Image image, Arena arena) {
        MemorySegment plane = arena.allocate((long) image.h() * image.w(), 64);
        int[] values = new int[image.w()];
        byte[] row = new byte[image.w()];
        for (int y = 0; y < image.h(); y++) {
            gray(image, y, values);
            for (int x = 0; x < row.length; x++) {
                row[x] = (byte) values[x];
            }
            MemorySegment.copy(row, 0, plane, ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
        }
        return plane;
    }

    private static int entryOf(CategoryMap map, long value, String path, int x, int y) throws IOException {
        if (map.isBackground(value)) {
            return 0;
        }
        int entry = map.entryOf(value);
        if (entry < 0) {
            throw new IOException(path + ": pixel value " + CategoryMap.describe(value) + " at x=" + x + ", y=" + y
                    + " has no category in " + map.source() + " (add it, or list it under \"background\")");
        }
        return entry + 1;
    }

    /** Row {@code y} as gray values (see the class comment). */
    private static void gray(Image image, int y, int[] out) {
        MemorySegment data = image.data();
        int channels = image.channels();
        boolean wide = image.sampleType() == SampleType.UINT16;
        long row = y * image.rowBytes();
        for (int x = 0; x < out.length; x++) {
            long at = row + (long) x * channels * image.sampleType().bytes;
            out[x] = switch (image.format()) {
                case GRAY, GRAY_ALPHA -> sample(data, at, wide);
                case RGB, RGBA -> luma(sample(data, at, wide), sample(data, at + (wide ? 2 : 1), wide),
                        sample(data, at + (wide ? 4 : 2), wide));
                case BGR -> luma(sample(data, at + 2, false), sample(data, at + 1, false), sample(data, at, false));
            };
        }
    }

    /** Row {@code y} of an 8-bit RGB(A) image as 0xRRGGBB (alpha ignored); 16-bit samples keep their high byte. */
    private static void colours(Image image, int y, int[] out) {
        MemorySegment data = image.data();
        int step = image.channels() * image.sampleType().bytes;
        int high = image.sampleType() == SampleType.UINT16 ? 1 : 0;
        int sample = image.sampleType().bytes;
        long row = y * image.rowBytes();
        for (int x = 0; x < out.length; x++) {
            long at = row + (long) x * step + high;
            out[x] = (data.get(ValueLayout.JAVA_BYTE, at) & 0xFF) << 16
                    | (data.get(ValueLayout.JAVA_BYTE, at + sample) & 0xFF) << 8
                    | data.get(ValueLayout.JAVA_BYTE, at + 2L * sample) & 0xFF;
        }
    }

    private static int sample(MemorySegment data, long at, boolean wide) {
        return wide ? Short.toUnsignedInt(data.get(U16, at)) : data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static int luma(int r, int g, int b) {
        return (r * R_WEIGHT + g * G_WEIGHT + b * B_WEIGHT + (1 << 13)) >> 14;
    }
}
