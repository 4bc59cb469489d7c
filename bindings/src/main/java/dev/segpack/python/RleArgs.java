package dev.segpack.python;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.MalformedRleException;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * RLEs as the Python side passes them in one call: their counts strings back to back in one byte
 * array, each string's length, and each mask's [h, w] in a flat array.
 */
final class RleArgs {

    private RleArgs() {
    }

    /** What is done with each RLE of a batch, given its index; called from several threads at once. */
    interface RleUse {
        void accept(int index, Rle rle);
    }

    /** The RLEs, each checked; a malformed one is refused naming its index (the first, if several are). */
    static List<Rle> parse(byte[] strings, int[] lengths, int[] sizes) {
        Rle[] rles = new Rle[lengths.length];
        forEach(strings, lengths, sizes, (i, rle) -> rles[i] = rle);
        return Arrays.asList(rles);
    }

    /**
     * Parses and checks each RLE and hands it to {@code use}, on {@link SharedWorkers} for a large batch,
     * without keeping it: an RLE no longer used is garbage at once, which costs the collector nothing, where
     * a batch held whole is copied by every collection that runs while it is read. A malformed RLE is refused
     * as by {@link #parse}.
     */
    static void forEach(byte[] strings, int[] lengths, int[] sizes, RleUse use) {
        forEach(strings, lengths, sizes, i -> "RLE " + i, use);
    }

    /** {@link #forEach(byte[], int[], int[], RleUse)} naming RLE i in errors by {@code names.apply(i)}. */
    static void forEach(byte[] strings, int[] lengths, int[] sizes, IntFunction<String> names, RleUse use) {
        if (sizes.length != 2 * lengths.length) {
            throw new IllegalArgumentException(lengths.length + " counts strings but " + sizes.length + " size values");
        }
        int[] starts = new int[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0 || starts[i] + (long) lengths[i] > strings.length) {
                throw new IllegalArgumentException("counts string lengths exceed the " + strings.length + " bytes passed");
            }
            starts[i + 1] = starts[i] + lengths[i];
        }
        Chunks chunks = Chunks.of(lengths.length);
        chunks.forEach(SharedWorkers.forBytes(strings.length), c -> {
            AsciiSlice slice = new AsciiSlice(strings);
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                slice.select(starts[i], lengths[i]);
                Rle rle;
                try {
                    rle = RleString.decode(sizes[2 * i], sizes[2 * i + 1], slice);
                } catch (IllegalArgumentException e) {
                    throw new MalformedRleException(names.apply(i) + ": " + e.getMessage());
                }
                use.accept(i, rle);
            }
        });
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

        /** Moves the window to [start, start + length), which the caller has checked lies in the bytes. */
        void select(int start, int length) {
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
