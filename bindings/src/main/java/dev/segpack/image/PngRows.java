package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A PNG's image data back as stored rows: the zlib stream inflated in one call ({@link ZlibInflater}),
 * each row unfiltered (PNG specification, clause 9) as it is handed on, and the passes of an Adam7
 * image put back in place. A stored row is packed as in the file: samples below 8 bits share bytes,
 * 16-bit samples are big-endian. The helpers at the end turn stored rows into samples.
 */
final class PngRows {

    /** Receives row {@code y}'s stored bytes; the array is reused for the next row. */
    @FunctionalInterface
    interface Sink {
        void row(byte[] stored, int y);
    }

    /** x start, y start, x step, y step of the seven Adam7 passes. */
    private static final int[][] ADAM7 = {
            {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** A byte times this is the byte in each of a long's eight. */
    private static final long ONES = 0x0101_0101_0101_0101L;

    private PngRows() {
    }

    /** Bytes the image data inflates to: every row (of every pass) with its filter byte. */
    static long inflatedBytes(PngHeader header) {
        if (!header.interlaced()) {
            return header.h() * (header.rowBytes(header.w()) + 1);
        }
        long total = 0;
        for (int[] pass : ADAM7) {
            int pw = passSize(header.w(), pass[0], pass[2]);
            int ph = passSize(header.h(), pass[1], pass[3]);
            if (pw > 0) {
                total += ph * (header.rowBytes(pw) + 1);
            }
        }
        return total;
    }

    /** Inflates {@code imageData} (the IDAT payloads, concatenated) and hands each stored row to {@code sink}. */
    static void decode(PngHeader header, MemorySegment imageData, String source, Arena scratch, Sink sink)
            throws IOException {
        MemorySegment raw = scratch.allocate(inflatedBytes(header), 64);
        ZlibInflater.inflate(imageData, raw, source);
        int bytesPerPixel = Math.max(1, header.bitsPerPixel() / 8);
        int rowBytes = Math.toIntExact(header.rowBytes(header.w()));
        if (!header.interlaced()) {
            unfilter(raw, 0, header.h(), rowBytes, bytesPerPixel, source, 0, sink);
            return;
        }
        MemorySegment image = scratch.allocate((long) rowBytes * header.h(), 64); // zeroed: sub-byte pixels are OR-ed in
        long at = 0;
        for (int p = 0; p < ADAM7.length; p++) {
            int[] pass = ADAM7[p];
            int pw = passSize(header.w(), pass[0], pass[2]);
            int ph = passSize(header.h(), pass[1], pass[3]);
            if (pw == 0 || ph == 0) {
                continue; // an empty pass has no bytes at all, not even filter bytes
            }
            int passRowBytes = Math.toIntExact(header.rowBytes(pw));
            unfilter(raw, at, ph, passRowBytes, bytesPerPixel, source, p + 1, (row, y) -> scatter(row, pw,
                    header.bitsPerPixel(), image, (long) (pass[1] + y * pass[3]) * rowBytes, pass[0], pass[2]));
            at += ph * (passRowBytes + 1L);
        }
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < header.h(); y++) {
            MemorySegment.copy(image, ValueLayout.JAVA_BYTE, (long) y * rowBytes, row, 0, rowBytes);
            sink.row(row, y);
        }
    }

    /** Pixels of a pass along one axis of {@code size} pixels. */
    private static int passSize(int size, int start, int step) {
        return size > start ? (size - start + step - 1) / step : 0;
    }

    /** Reverses the row filters of {@code rows} rows starting at {@code at}; {@code pass} is 0 for a plain image. */
    private static void unfilter(MemorySegment raw, long at, int rows, int rowBytes, int bpp, String source, int pass,
                                 Sink sink) throws IOException {
        byte[] filtered = new byte[rowBytes];
        byte[] previous = new byte[rowBytes];
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < rows; y++, at += rowBytes + 1L) {
            int filter = raw.get(ValueLayout.JAVA_BYTE, at);
            MemorySegment.copy(raw, ValueLayout.JAVA_BYTE, at + 1, filter == 0 ? row : filtered, 0, rowBytes);
            // One-byte pixels (gray and palette masks) get their own call sites, where the step is the
            // constant 1: the JIT then keeps the left neighbour in a register.
            switch (filter) {
                case 0 -> { }
                case 1 -> {
                    if (bpp == 1) {
                        subBytes(filtered, row);
                    } else {
                        sub(filtered, row, bpp);
                    }
                }
                case 2 -> {
                    for (int x = 0; x < rowBytes; x++) {
                        row[x] = (byte) (filtered[x] + previous[x]);
                    }
                }
                case 3 -> {
                    if (bpp == 1) {
                        average(filtered, previous, row, 1);
                    } else {
                        average(filtered, previous, row, bpp);
                    }
                }
                case 4 -> {
                    if (bpp == 1) {
                        paeth(filtered, previous, row, 1);
                    } else {
                        paeth(filtered, previous, row, bpp);
                    }
                }
                default -> throw PngHeader.failure(source, "IDAT image data: row " + y
                        + (pass > 0 ? " of Adam7 pass " + pass : "") + " has filter type " + filter + ", not 0..4");
            }
            sink.row(row, y);
            byte[] swap = previous;
            previous = row;
            row = swap;
        }
    }

    // Each filter reads the filtered bytes from their own array and runs along one byte lane of the
    // pixels at a time (x = lane, lane + step, ...) with the left neighbour in a local: a loop over
    // row[x - step] in place is a store-to-load chain JDK 25's auto-vectorizer makes 3x slower.

    private static void sub(byte[] filtered, byte[] row, int step) {
        for (int lane = 0; lane < step; lane++) {
            int left = 0;
            for (int x = lane; x < row.length; x += step) {
                left += filtered[x];
                row[x] = (byte) left;
            }
        }
    }

    /**
     * {@link #sub} for one-byte pixels, eight filtered bytes at a time where they are all 0, as they are
     * along the flat runs of a mask (98.7 % of the words of the harness's 1000 cv2-written masks, whose
     * every row is Sub-filtered): the left byte, repeated.
     */
    private static void subBytes(byte[] filtered, byte[] row) {
        int left = 0;
        int x = 0;
        for (; x + Long.BYTES <= row.length; x += Long.BYTES) {
            if ((long) LONGS.get(filtered, x) == 0) {
                LONGS.set(row, x, (left & 0xFFL) * ONES);
            } else {
                left = subWord(filtered, row, x, left);
            }
        }
        for (; x < row.length; x++) {
            left += filtered[x];
            row[x] = (byte) left;
        }
    }

    /** Sub over the eight bytes at x, after the byte {@code left}; returns the last. */
    private static int subWord(byte[] filtered, byte[] row, int x, int left) {
        for (int i = x; i < x + Long.BYTES; i++) {
            left += filtered[i];
            row[i] = (byte) left;
        }
        return left;
    }

    private static void average(byte[] filtered, byte[] previous, byte[] row, int step) {
        for (int lane = 0; lane < step; lane++) {
            int left = 0;
            for (int x = lane; x < row.length; x += step) {
                left = (filtered[x] + ((left + (previous[x] & 0xFF)) >>> 1)) & 0xFF;
                row[x] = (byte) left;
            }
        }
    }

    private static void paeth(byte[] filtered, byte[] previous, byte[] row, int step) {
        for (int lane = 0; lane < step; lane++) {
            int left = 0;
            int upperLeft = 0;
            for (int x = lane; x < row.length; x += step) {
                int up = previous[x] & 0xFF;
                if (up == upperLeft && filtered[x] == 0) {
                    // p = left: pa = 0, the left byte is the predictor and the pixel (flat regions)
                    row[x] = (byte) left;
                    continue;
                }
                int p = left + up - upperLeft;
                int pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upperLeft);
                int predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upperLeft;
                left = (filtered[x] + predictor) & 0xFF;
                row[x] = (byte) left;
                upperLeft = up;
            }
        }
    }

    /** Puts the {@code count} pixels of a pass row at x0, x0 + dx, … of the stored image row at {@code rowStart}. */
    private static void scatter(byte[] passRow, int count, int bits, MemorySegment image, long rowStart, int x0, int dx) {
        if (bits >= 8) {
            int bytes = bits / 8;
            for (int p = 0, x = x0; p < count; p++, x += dx) {
                MemorySegment.copy(passRow, p * bytes, image, ValueLayout.JAVA_BYTE, rowStart + (long) x * bytes, bytes);
            }
            return;
        }
        for (int p = 0, x = x0; p < count; p++, x += dx) {
            long target = (long) x * bits;
            long at = rowStart + (target >>> 3);
            byte packed = image.get(ValueLayout.JAVA_BYTE, at);
            image.set(ValueLayout.JAVA_BYTE, at, (byte) (packed | unpack(passRow, p, bits) << (8 - bits - (target & 7))));
        }
    }

    /** Sample {@code i} of a stored row of 1, 2 or 4-bit samples. */
    private static int unpack(byte[] stored, int i, int bits) {
        int bit = i * bits;
        return (stored[bit >>> 3] >>> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
    }

    /** One byte per sample of a row of {@code count} samples of 1, 2 or 4 bits, values kept (0..2^bits-1). */
    static void unpack(byte[] stored, int bits, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = (byte) unpack(stored, i, bits);
        }
    }

    /** The {@code count} 16-bit samples of a stored row, little-endian (as segpack holds them). */
    static void littleEndian(byte[] stored, int count, byte[] out) {
        for (int i = 0; i < 2 * count; i += 2) {
            out[i] = stored[i + 1];
            out[i + 1] = stored[i];
        }
    }

    /** The high byte of each of the {@code count} 16-bit samples of a stored row (libpng's strip_16). */
    static void highBytes(byte[] stored, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = stored[2 * i];
        }
    }
}
