package dev.segpack.python;

import dev.segpack.engine.rle.MalformedRleException;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RLEs as the Python side passes them in one call: their counts strings back to back in one byte
 * array, each string's length, and each mask's [h, w] in a flat array.
 */
final class RleArgs {

    private RleArgs() {
    }

    /** The RLEs, each checked; a malformed one is refused naming its index. */
    static List<Rle> parse(byte[] strings, int[] lengths, int[] sizes) {
        if (sizes.length != 2 * lengths.length) {
            throw new IllegalArgumentException(lengths.length + " counts strings but " + sizes.length + " size values");
        }
        List<Rle> rles = new ArrayList<>(lengths.length);
        AsciiSlice slice = new AsciiSlice(strings);
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            slice.select(at, lengths[i]);
            at += lengths[i];
            try {
                rles.add(RleString.decode(sizes[2 * i], sizes[2 * i + 1], slice));
            } catch (IllegalArgumentException e) {
                throw new MalformedRleException("RLE " + i + ": " + e.getMessage());
            }
        }
        return rles;
    }

    /** The counts strings of {@code rles}, each followed by a space (counts strings hold only '0'..'o'). */
    static byte[] join(List<Rle> rles) {
        StringBuilder out = new StringBuilder();
        for (Rle rle : rles) {
            out.append(RleString.encode(rle)).append(' ');
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A window on a byte array read as Latin-1 chars, moved from string to string without copying. */
    private static final class AsciiSlice implements CharSequence {
        private final byte[] bytes;
        private int start;
        private int length;

        AsciiSlice(byte[] bytes) {
            this.bytes = bytes;
        }

        void select(int start, int length) {
            if (start < 0 || length < 0 || start + length > bytes.length) {
                throw new IllegalArgumentException("counts string lengths exceed the " + bytes.length + " bytes passed");
            }
            this.start = start;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[start + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new String(bytes, start + from, to - from, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
    }
}
