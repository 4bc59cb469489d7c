package dev.segpack.image;

import dev.segpack.engine.mask.PixelLimit;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A PNG's IHDR: size, bit depth, colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA) and
 * whether it is Adam7-interlaced. Parsing checks every field against the PNG specification and the
 * size against segpack's limits ({@link PixelLimit}, a row in one Java array), so nothing is allocated
 * for an image that cannot be read.
 */
public record PngHeader(int h, int w, int bitDepth, int colourType, boolean interlaced) {

    /** A row of the widest kind (RGBA, 16-bit: 8 bytes a pixel) still fits one Java array. */
    public static final int MAX_WIDTH = (Integer.MAX_VALUE - 16) / 8;

    private static final ValueLayout.OfInt BIG_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** The 13 bytes of an IHDR chunk's data; {@code source} names the file in the error. */
    static PngHeader parse(MemorySegment data, String source) throws IOException {
        if (data.byteSize() != 13) {
            throw failure(source, "IHDR chunk has " + data.byteSize() + " bytes, not 13");
        }
        int w = data.get(BIG_INT, 0);
        int h = data.get(BIG_INT, 4);
        int depth = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, 8));
        int colour = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, 9));
        int compression = data.get(ValueLayout.JAVA_BYTE, 10);
        int filter = data.get(ValueLayout.JAVA_BYTE, 11);
        int interlace = data.get(ValueLayout.JAVA_BYTE, 12);
        if (w <= 0 || h <= 0) {
            throw failure(source, "IHDR gives a size of " + Integer.toUnsignedString(w) + "x" + Integer.toUnsignedString(h)
                    + " (w x h); both must be 1..2^31-1");
        }
        if (!validDepth(colour, depth)) {
            throw failure(source, "IHDR gives colour type " + colour + " with bit depth " + depth
                    + ", which PNG does not define");
        }
        if (compression != 0 || filter != 0 || interlace < 0 || interlace > 1) {
            throw failure(source, "IHDR gives compression method " + compression + ", filter method " + filter
                    + ", interlace method " + interlace + " (PNG defines 0, 0 and 0 or 1)");
        }
        Optional<String> excess = PixelLimit.excess(h, w);
        if (excess.isPresent()) {
            throw failure(source, "IHDR declares " + excess.get());
        }
        if (w > MAX_WIDTH) {
            throw failure(source, "IHDR gives a width of " + w + "; segpack reads rows of at most " + MAX_WIDTH + " pixels");
        }
        return new PngHeader(h, w, depth, colour, interlace == 1);
    }

    public boolean indexed() {
        return colourType == 3;
    }

    /** Samples a pixel has as stored: 1 for gray and palette indices, 2 gray+alpha, 3 RGB, 4 RGBA. */
    public int channels() {
        return switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    int bitsPerPixel() {
        return channels() * bitDepth;
    }

    /** Bytes of one stored (unfiltered, packed) row of {@code pixels} pixels, without the filter byte. */
    long rowBytes(int pixels) {
        return ((long) pixels * bitsPerPixel() + 7) / 8;
    }

    /** The pixel layout {@link PngDecoder#samples} returns (GRAY for palette indices). */
    public PixelFormat storedFormat() {
        return switch (colourType) {
            case 2 -> PixelFormat.RGB;
            case 4 -> PixelFormat.GRAY_ALPHA;
            case 6 -> PixelFormat.RGBA;
            default -> PixelFormat.GRAY;
        };
    }

    /** The sample width {@link PngDecoder#samples} returns. */
    public SampleType sampleType() {
        return bitDepth == 16 ? SampleType.UINT16 : SampleType.UINT8;
    }

    /** "8-bit palette", "16-bit RGBA", … for messages. */
    String describe() {
        return bitDepth + "-bit " + (indexed() ? "palette" : storedFormat().toString());
    }

    private static boolean validDepth(int colour, int depth) {
        return switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
    }

    static IOException failure(String source, String reason) {
        return new IOException("cannot decode " + source + ": " + reason);
    }
}
