package dev.segpack.coco;

/**
 * COCO id → position in its table, without boxing: open addressing over two primitive arrays, at
 * most half full. Putting an id again replaces its position, as a Python dict does.
 */
final class IdIndex {

    private long[] keys;
    /** Position + 1; 0 marks an empty slot. */
    private int[] values;
    private int mask;
    private int size;

    /** An index sized for {@code expected} distinct ids (it grows if more come). */
    IdIndex(int expected) {
        allocate(Integer.highestOneBit(Math.max(2, expected) * 2 - 1) * 2);
    }

    /** ids[0 … n) → their positions (a repeated id: its last position). */
    static IdIndex of(long[] ids, int n) {
        IdIndex index = new IdIndex(n);
        for (int i = 0; i < n; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    private void allocate(int slots) {
        keys = new long[slots];
        values = new int[slots];
        mask = slots - 1;
    }

    void put(long id, int position) {
        if (2 * (size + 1) > keys.length) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            allocate(2 * keys.length);
            size = 0;
            for (int slot = 0; slot < oldKeys.length; slot++) {
                if (oldValues[slot] != 0) {
                    put(oldKeys[slot], oldValues[slot] - 1);
                }
            }
        }
        int slot = slot(id);
        while (values[slot] != 0 && keys[slot] != id) {
            slot = (slot + 1) & mask;
        }
        if (values[slot] == 0) {
            size++;
        }
        keys[slot] = id;
        values[slot] = position + 1;
    }

    /** The position of {@code id}, or −1. */
    int get(long id) {
        for (int slot = slot(id); values[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == id) {
                return values[slot] - 1;
            }
        }
        return -1;
    }

    private int slot(long id) {
        long h = id * 0x9E3779B97F4A7C15L; // Fibonacci hashing: spreads sequential ids over the table
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
