package dev.segpack.engine.simd;

import java.util.Arrays;

/**
 * A growable list of uint32 run lengths, reused across masks so that encoding a mask allocates
 * nothing but its final counts array.
 */
public final class RunLengths {

    private int[] runs;
    private int size;

    public RunLengths(int initialCapacity) {
        runs = new int[Math.max(4, initialCapacity)];
    }

    public void clear() {
        size = 0;
    }

    public void add(int run) {
        if (size == runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[size++] = run;
    }

    /** Makes room for {@code more} further runs; kernels that write {@link #array()} directly call this first. */
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

    /** Sets the size after a kernel wrote runs into {@link #array()} directly. */
    public void setSize(int size) {
        this.size = size;
    }

    public int[] toArray() {
        return Arrays.copyOf(runs, size);
    }
}
