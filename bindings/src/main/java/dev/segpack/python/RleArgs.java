package dev.segpack.python;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.MalformedRleException;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * RLEs as the Python side passes them in one call: their counts strings back to back in one direct
 * buffer over the Python side's memory (read once, never written: JPype copies a byte array argument
 * a byte at a time, ~1 ns a byte, where this costs one memcpy), each string's length, and each mask's
 * [h, w] in a flat array.
 */
final class RleArgs {

    private RleArgs() {
    }

    /** What is done with each RLE of a batch, given its index; called from several threads at once. */
    interface RleUse {
        void accept(int index, Rle rle);
    }

    /** The RLEs, each checked; a malformed one is refused naming its index (the first, if several are). */
    static List<Rle> parse(ByteBuffer strings, int[] lengths, int[] sizes) {
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
    static void forEach(ByteBuffer strings, int[] lengths, int[] sizes, RleUse use) {
        forEach(strings, lengths, sizes, i -> "RLE " + i, use);
    }

    /** {@link #forEach(ByteBuffer, int[], int[], RleUse)} naming RLE i in errors by {@code names.apply(i)}. */
    static void forEach(ByteBuffer strings, int[] lengths, int[] sizes, IntFunction<String> names, RleUse use) {
        byte[] bytes = new byte[strings.remaining()];
        strings.duplicate().get(bytes);
        if (sizes.length != 2 * lengths.length) {
            throw new IllegalArgumentException(lengths.length + " counts strings but " + sizes.length + " size values");
        }
        int[] starts = new int[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0 || starts[i] + (long) lengths[i] > bytes.length) {
                throw new IllegalArgumentException("counts string lengths exceed the " + bytes.length + " bytes passed");
            }
            starts[i + 1] = starts[i] + lengths[i];
        }
        Chunks chunks = Chunks.of(lengths.length);
        chunks.forEach(SharedWorkers.forBytes(bytes.length), c -> {
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                Rle rle;
                try {
                    rle = RleString.decode(sizes[2 * i], sizes[2 * i + 1], bytes, starts[i], starts[i + 1]);
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
}
