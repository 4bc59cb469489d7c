package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.BYTES;
import static dev.segpack.engine.simd.VectorBits.LANES;
import static dev.segpack.engine.simd.VectorBits.NATIVE;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/** RLE encode and decode of dense masks in either order with the Vector API. */
final class VectorRuns {

    /**
     * Tallest mask the row-major decode handles in strips: its marks take 8·(h+1) bytes per thread.
     * Taller (and so narrow) masks are written column by column instead.
     */
    static final int MAX_STRIP_ROWS = 1 << 16;

    /** The bits of a word that stand for lanes of one vector. */
    private static final long LANE_BITS = -1L >>> (64 - LANES);

    private VectorRuns() {
    }

    /**
     * Column-major: 64 pixels per step become a word of foreground bits; the word XOR itself
     * shifted by one pixel (carrying the previous word's last pixel in) has a bit at every change.
     * Most of a real mask is long runs, so four vectors of pixels at a time are first tested for
     * being all background or all foreground like the pixel before them, which costs about as much
     * as reading them; only blocks with a change are turned into words (one bit per lane).
     */
    static void encodeColumnMajor(MemorySegment data, long n, RunLengths out) {
        out.clear();
        long carry = 0;
        long p = 0;
        for (; p + 4 * LANES <= n; p += 4 * LANES) {
            ByteVector a = ByteVector.fromMemorySegment(BYTES, data, p, NATIVE);
            ByteVector b = ByteVector.fromMemorySegment(BYTES, data, p + LANES, NATIVE);
            ByteVector c = ByteVector.fromMemorySegment(BYTES, data, p + 2 * LANES, NATIVE);
            ByteVector d = ByteVector.fromMemorySegment(BYTES, data, p + 3 * LANES, NATIVE);
            if (!unchanged(a, b, c, d, carry)) {
                carry = changes(a, b, p, carry, out);
                carry = changes(c, d, p + 2 * LANES, carry, out);
            }
        }
        for (; p + 2 * LANES <= n; p += 2 * LANES) {
            ByteVector a = ByteVector.fromMemorySegment(BYTES, data, p, NATIVE);
            ByteVector b = ByteVector.fromMemorySegment(BYTES, data, p + LANES, NATIVE);
            carry = changes(a, b, p, carry, out);
        }
        for (; p < n; p += 64) {
            int count = (int) Math.min(64, n - p);
            long fg = VectorBits.nonzero(data, p, count);
            out.transitions((fg ^ (fg << 1 | carry)) & (-1L >>> (64 - count)), p);
            carry = fg >>> 63;
        }
        out.finish(n);
    }

    /** Whether four vectors of pixels are all background (carry 0) or all foreground (carry 1). */
    private static boolean unchanged(ByteVector a, ByteVector b, ByteVector c, ByteVector d, long carry) {
        return carry == 0
                ? !a.or(b).or(c.or(d)).compare(VectorOperators.NE, (byte) 0).anyTrue()
                : !a.lanewise(VectorOperators.UMIN, b).lanewise(VectorOperators.UMIN, c.lanewise(VectorOperators.UMIN, d))
                        .compare(VectorOperators.EQ, (byte) 0).anyTrue();
    }

    /** The changes in two vectors of pixels from {@code p} after a pixel {@code carry}; returns their last pixel. */
    private static long changes(ByteVector a, ByteVector b, long p, long carry, RunLengths out) {
        long fa = a.compare(VectorOperators.NE, (byte) 0).toLong();
        long fb = b.compare(VectorOperators.NE, (byte) 0).toLong();
        long changesA = (fa ^ (fa << 1 | carry)) & LANE_BITS;
        long changesB = (fb ^ (fb << 1 | fa >>> (LANES - 1))) & LANE_BITS;
        if (changesA != 0) {
            out.transitions(changesA, p);
        }
        if (changesB != 0) {
            out.transitions(changesB, p + LANES);
        }
        return fb >>> (LANES - 1);
    }

    /**
     * Column-major: every run is written with whole vectors from its start; a store that spills past
     * the run's end is overwritten by the next run, so each byte is final once its own run is done.
     */
    static void decodeColumnMajor(int[] counts, int m, MemorySegment data, long n) {
        long lastFull = n - LANES;
        long at = 0;
        for (int i = 0; i < m; i++) {
            long end = at + Integer.toUnsignedLong(counts[i]);
            ByteVector v = ByteVector.broadcast(BYTES, (byte) (i & 1));
            // one exit condition: a loop that may leave by two lets C2 hoist a bounds check too far
            // and deoptimise again and again
            long stop = Math.min(end, lastFull + 1);
            long p = at;
            for (; p < stop; p += LANES) {
                v.intoMemorySegment(data, p, NATIVE);
            }
            if (p < end) {
                v.intoMemorySegment(data, p, NATIVE, BYTES.indexInRange(p, n));
            }
            at = end;
        }
    }

    /**
     * Row-major, in strips of 64 columns: the runs mark the rows where each column flips, and a
     * running XOR down the rows gives each row's 64 bits, stored as 64 bytes at once.
     */
    static void decodeRowMajor(int[] counts, int m, MemorySegment data, int h, int w) {
        long[] marks = KernelScratch.get().words(h + 1);
        StripCursor runs = new StripCursor(counts, m, h);
        for (int x0 = 0; x0 < w; x0 += 64) {
            int width = Math.min(64, w - x0);
            Arrays.fill(marks, 0, h + 1, 0);
            runs.mark(x0, width, marks, 0);
            long row = 0;
            for (int y = 0; y < h; y++) {
                row ^= marks[y];
                VectorBits.store(row, data, (long) y * w + x0, width);
            }
        }
    }
}
