package dev.segpack.engine.geometry;

import java.util.Arrays;

/** A growable list of ints, so that contour tracing creates no object per point. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    int get(int i) {
        return values[i];
    }

    void set(int i, int value) {
        values[i] = value;
    }

    void add(int value) {
        if (size == values.length) {
            grow(size + 1);
        }
        values[size++] = value;
    }

    void add(int a, int b) {
        if (size + 2 > values.length) {
            grow(size + 2);
        }
        values[size] = a;
        values[size + 1] = b;
        size += 2;
    }

    /** The backing array; valid up to {@link #size()} until the next add. */
    int[] array() {
        return values;
    }

    private void grow(int minimum) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(minimum, values.length * 2L));
        if (capacity < minimum) {
            throw new OutOfMemoryError("int list cannot hold " + minimum + " values");
        }
        values = Arrays.copyOf(values, capacity);
    }
}
