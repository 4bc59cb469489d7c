package dev.segpack.image;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads the EXIF Orientation tag (0x0112), which cv2.imread applies for IMREAD_COLOR. Malformed or
 * missing EXIF means orientation 1 (as stored): like OpenCV, a bad EXIF block never fails a decode.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {
    }

    /** Orientation from the first APP1 "Exif" segment before the JPEG's scan data. */
    static int fromJpeg(MemorySegment jpeg) {
        long size = jpeg.byteSize();
        long pos = 2; // after SOI
        while (pos + 4 <= size) {
            if (u8(jpeg, pos) != 0xFF) {
                return NORMAL;
            }
            int marker = u8(jpeg, pos + 1);
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no more headers
                return NORMAL;
            }
            int length = (u8(jpeg, pos + 2) << 8) | u8(jpeg, pos + 3);
            if (length < 2 || pos + 2 + length > size) {
                return NORMAL;
            }
            if (marker == 0xE1 && startsWith(jpeg, pos + 4, length - 2, EXIF_PREFIX)) {
                return fromTiff(jpeg.asSlice(pos + 4 + EXIF_PREFIX.length, length - 2 - EXIF_PREFIX.length));
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    /** Orientation from a PNG eXIf chunk's payload: a TIFF block, by some writers prefixed with "Exif\0\0". */
    static int fromPngExif(MemorySegment payload) {
        if (startsWith(payload, 0, payload.byteSize(), EXIF_PREFIX)) {
            return fromTiff(payload.asSlice(EXIF_PREFIX.length));
        }
        return fromTiff(payload);
    }

    /** Orientation from a TIFF block ("II*\0" or "MM\0*", then the offset of IFD0). */
    static int fromTiff(MemorySegment tiff) {
        long size = tiff.byteSize();
        if (size < 8) {
            return NORMAL;
        }
        ByteOrder order;
        if (u8(tiff, 0) == 'I' && u8(tiff, 1) == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (u8(tiff, 0) == 'M' && u8(tiff, 1) == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            return NORMAL;
        }
        ValueLayout.OfShort u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
        ValueLayout.OfInt u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        long ifd = Integer.toUnsignedLong(tiff.get(u32, 4));
        if (ifd + 2 > size) {
            return NORMAL;
        }
        int entries = Short.toUnsignedInt(tiff.get(u16, ifd));
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > size) {
                return NORMAL;
            }
            if (Short.toUnsignedInt(tiff.get(u16, entry)) == ORIENTATION_TAG) {
                int type = Short.toUnsignedInt(tiff.get(u16, entry + 2));
                int value = Short.toUnsignedInt(tiff.get(u16, entry + 8));
                return type == TYPE_SHORT && value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static boolean startsWith(MemorySegment segment, long offset, long available, byte[] prefix) {
        if (available < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, offset + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(MemorySegment segment, long offset) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset));
    }
}
