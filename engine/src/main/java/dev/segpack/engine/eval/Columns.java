package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Rle;
import java.util.Arrays;

/**
 * Length checks shared by {@link GroundTruth} and {@link Detections}, naming the column that does not fit,
 * and their columns cut to some of their rows.
 */
final class Columns {

    private Columns() {
    }

    /** Refuses a column whose length is not {@code rows}: {@code names[i]} names the column of {@code lengths[i]}. */
    static void check(String what, int rows, String[] names, int... lengths) {
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] != rows) {
                throw new IllegalArgumentException(what + ": " + rows + " ids but " + lengths[i] + " " + names[i]);
            }
        }
    }

    static void checkOptional(String what, int rows, double[] boxes, Rle[] masks, double[] keypoints, int numKeypoints) {
        if (boxes != null && boxes.length != 4 * rows) {
            throw new IllegalArgumentException(what + ": " + boxes.length + " box values for " + rows + " rows (4 a row)");
        }
        if (masks != null && masks.length != rows) {
            throw new IllegalArgumentException(what + ": " + masks.length + " masks for " + rows + " rows");
        }
        if (keypoints != null && (rows == 0 ? keypoints.length != 0 : keypoints.length % (3 * rows) != 0)) {
            throw new IllegalArgumentException(what + ": " + keypoints.length + " keypoint values for " + rows
                    + " rows (3·K a row)");
        }
        if (numKeypoints >= 0 && numKeypoints != rows) {
            throw new IllegalArgumentException(what + ": " + numKeypoints + " num_keypoints values for " + rows + " rows");
        }
    }

    static long[] pick(long[] column, int[] rows) {
        return Arrays.stream(rows).mapToLong(r -> column[r]).toArray();
    }

    static int[] pick(int[] column, int[] rows) {
        return column == null ? null : Arrays.stream(rows).map(r -> column[r]).toArray();
    }

    static boolean[] pick(boolean[] column, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** The rows of a column of {@code size} rows with the same number of values each (4 for boxes, 3·K for keypoints). */
    static double[] pick(double[] column, int[] rows, int size) {
        if (column == null) {
            return null;
        }
        int stride = size == 0 ? 0 : column.length / size;
        double[] out = new double[rows.length * stride];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(column, rows[i] * stride, out, i * stride, stride);
        }
        return out;
    }

    static Rle[] pick(Rle[] column, int[] rows) {
        return column == null ? null : Arrays.stream(rows).mapToObj(r -> column[r]).toArray(Rle[]::new);
    }
}
