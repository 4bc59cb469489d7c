package dev.segpack.engine.simd;

import java.util.Arrays;

/**
 * A growable list of uint32 run lengths, reused across masks so that encoding a mask allocates
 * nothing but its final counts array. Kernels either add runs directly or report the pixel
 * positions where the value changes ({@link #transitionAt}) and close the list with {@link #finish}.
 */
public final class RunLengths {

    private int[] runs;
    private int size;
    private long lastTransition;

    public RunLengths(int initialCapacity) {
        runs = new int[Math.max(4, initialCapacity)];
    }

    public void clear() {
        size = 0;
        lastTransition = 0;
    }

    public void add(int run) {
        if (size == runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[size++] = run;
    }

    /**
     * The value changes at pixel {@code at} (column-major index): the run that began at the previous
     * change ends there. A change at pixel 0 records the empty leading run of zeros.
     */
    public void transitionAt(long at) {
        add((int) (at - lastTransition));
        lastTransition = at;
    }

    /** A change at pixel {@code base + i} for every set bit i of {@code bits}. */
    public void transitions(long bits, long base) {
        reserve(Long.bitCount(bits));
        // the state stays in registers while the bits are turned into runs
        int[] r = runs;
        int s = size;
        long last = lastTransition;
        for (; bits != 0; bits &= bits - 1) {
            long at = base + Long.numberOfTrailingZeros(bits);
            r[s++] = (int) (at - last);
            last = at;
        }
        size = s;
        lastTransition = last;
    }

    /** A change at pixel {@code base + offsets[k]} for k below {@code count}, offsets increasing. */
    public void transitions(long base, int[] offsets, int count) {
        reserve(count);
        int[] r = runs;
        int s = size;
        long last = lastTransition;
        for (int k = 0; k < count; k++) {
            long at = base + offsets[k];
            r[s++] = (int) (at - last);
            last = at;
        }
        size = s;
        lastTransition = last;
    }

    /** Closes the last run at the end of an {@code n}-pixel mask. */
    public void finish(long n) {
        add((int) (n - lastTransition));
    }

    /** Makes room for {@code more} further runs. */
    public void reserve(int more) {
        if (size + more > runs.length) {
            runs = Arrays.copyOf(runs, Math.max(runs.length * 2, size + more));
        }
    }

    public int size() {
        return size;
    }

    /** The backing array, valid up to {@link #size()}. */
    public int[] array() {
        return runs;
    }

    public int[] toArray() {
        return Arrays.copyOf(runs, size);
    }
}
