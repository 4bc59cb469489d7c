package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Rle;

/** Length checks shared by {@link GroundTruth} and {@link Detections}, naming the column that does not fit. */
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
}
