package dev.segpack.engine.simd;

/**
 * The result of {@link Kernels#encodeLabels}: for each nonzero label present in a label map,
 * in ascending order, the column-major runs of the mask where the map holds that label.
 */
public final class LabelRuns {

    private final int[] labels;
    private final int[][] counts;

    LabelRuns(int[] labels, int[][] counts) {
        this.labels = labels;
        this.counts = counts;
    }

    /** Number of distinct nonzero labels. */
    public int size() {
        return labels.length;
    }

    /** The {@code i}-th label in ascending order (uint8 and uint16 labels are zero-extended). */
    public int label(int i) {
        return labels[i];
    }

    /** The runs of label {@code label(i)}, uint32 values in ints; the caller may keep the array. */
    public int[] counts(int i) {
        return counts[i];
    }
}
