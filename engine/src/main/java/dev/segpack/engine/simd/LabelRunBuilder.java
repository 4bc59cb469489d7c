package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap.LabelType;
import java.util.Arrays;

/**
 * Collects the runs of every label of a label map while a kernel reports, in column-major order,
 * the pixels where the label changes. Each label keeps its own run list; a change from a to b ends
 * a run of a and starts one of b.
 */
final class LabelRunBuilder {

    /** uint8/uint16: slot + 1 per label value, 0 while unseen; null for int32 (hashed). */
    private final int[] direct;
    /** int32: open addressing, key 0 = empty (label 0 never gets a slot). */
    private int[] hashKeys;
    private int[] hashSlots;

    private int[] labelOfSlot = new int[16];
    private RunLengths[] runsOfSlot = new RunLengths[16];
    private int slots;

    LabelRunBuilder(LabelType type) {
        direct = switch (type) {
            case UINT8 -> new int[1 << 8];
            case UINT16 -> new int[1 << 16];
            case INT32 -> null;
        };
        if (direct == null) {
            hashKeys = new int[64];
            hashSlots = new int[64];
        }
    }

    /** The label changes from {@code from} to {@code to} at column-major pixel {@code at}. */
    void transition(long at, int from, int to) {
        // the slot first: finding it may grow runsOfSlot
        if (from != 0) {
            int s = slotOf(from);
            runsOfSlot[s].transitionAt(at);
        }
        if (to != 0) {
            int s = slotOf(to);
            runsOfSlot[s].transitionAt(at);
        }
    }

    /** Closes every label's runs at the end of an {@code n}-pixel map and sorts them by label. */
    LabelRuns finish(long n) {
        Integer[] order = new Integer[slots];
        for (int s = 0; s < slots; s++) {
            order[s] = s;
            runsOfSlot[s].finish(n);
        }
        Arrays.sort(order, (a, b) -> Integer.compare(labelOfSlot[a], labelOfSlot[b]));
        int[] labels = new int[slots];
        int[][] counts = new int[slots][];
        for (int i = 0; i < slots; i++) {
            labels[i] = labelOfSlot[order[i]];
            counts[i] = runsOfSlot[order[i]].toArray();
        }
        return new LabelRuns(labels, counts);
    }

    private int slotOf(int label) {
        if (direct != null) {
            int s = direct[label] - 1;
            if (s < 0) {
                s = newSlot(label);
                direct[label] = s + 1;
            }
            return s;
        }
        int mask = hashKeys.length - 1;
        for (int i = mix(label) & mask; ; i = (i + 1) & mask) {
            if (hashKeys[i] == label) {
                return hashSlots[i];
            }
            if (hashKeys[i] == 0) {
                int s = newSlot(label);
                hashKeys[i] = label;
                hashSlots[i] = s;
                if (2 * slots > hashKeys.length) {
                    rehash();
                }
                return s;
            }
        }
    }

    private int newSlot(int label) {
        if (slots == labelOfSlot.length) {
            labelOfSlot = Arrays.copyOf(labelOfSlot, slots * 2);
            runsOfSlot = Arrays.copyOf(runsOfSlot, slots * 2);
        }
        labelOfSlot[slots] = label;
        runsOfSlot[slots] = new RunLengths(16);
        return slots++;
    }

    private void rehash() {
        int[] keys = new int[hashKeys.length * 2];
        int[] values = new int[keys.length];
        int mask = keys.length - 1;
        for (int s = 0; s < slots; s++) {
            int i = mix(labelOfSlot[s]) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = labelOfSlot[s];
            values[i] = s;
        }
        hashKeys = keys;
        hashSlots = values;
    }

    private static int mix(int label) {
        int h = label * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
