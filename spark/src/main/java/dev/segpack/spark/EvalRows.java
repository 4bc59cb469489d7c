package dev.segpack.spark;

import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.EvaluationParts;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.rle.Rle;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The ground truths and detections of one part of an evaluation, as the driver sends them to an
 * executor: the engine's columns cut to the part's rows (in their order), masks as their counts.
 */
record EvalRows(GtColumns gt, DtColumns dt) implements Serializable {

    static EvalRows of(GroundTruth gt, Detections dt, EvaluationParts.Rows rows) {
        int[] g = rows.gt(), d = rows.dt();
        return new EvalRows(new GtColumns(pick(gt.ids(), g), pick(gt.imageIds(), g), pick(gt.categoryIds(), g),
                pick(gt.areas(), g, gt.size()), pick(gt.iscrowd(), g), pick(gt.boxes(), g, gt.size()),
                Masks.of(gt.masks(), g), pick(gt.keypoints(), g, gt.size()), pick(gt.numKeypoints(), g)),
                new DtColumns(pick(dt.ids(), d), pick(dt.imageIds(), d), pick(dt.categoryIds(), d),
                        pick(dt.scores(), d, dt.size()), pick(dt.areas(), d, dt.size()), pick(dt.boxes(), d, dt.size()),
                        Masks.of(dt.masks(), d), pick(dt.keypoints(), d, dt.size())));
    }

    GroundTruth groundTruth() {
        return new GroundTruth(gt.ids, gt.imageIds, gt.categoryIds, gt.areas, gt.iscrowd, gt.boxes, Masks.rles(gt.masks),
                gt.keypoints, gt.numKeypoints);
    }

    Detections detections() {
        return new Detections(dt.ids, dt.imageIds, dt.categoryIds, dt.scores, dt.areas, dt.boxes, Masks.rles(dt.masks),
                dt.keypoints);
    }

    /** {@link GroundTruth}'s columns; those its iou type does not read are null. */
    record GtColumns(long[] ids, long[] imageIds, long[] categoryIds, double[] areas, boolean[] iscrowd, double[] boxes,
            Masks masks, double[] keypoints, int[] numKeypoints) implements Serializable {
    }

    /** {@link Detections}' columns; those its iou type does not read are null. */
    record DtColumns(long[] ids, long[] imageIds, long[] categoryIds, double[] scores, double[] areas, double[] boxes,
            Masks masks, double[] keypoints) implements Serializable {
    }

    /** A column of masks as their sizes and uncompressed counts. */
    record Masks(int[] h, int[] w, int[][] counts) implements Serializable {

        static Masks of(Rle[] masks, int[] rows) {
            if (masks == null) {
                return null;
            }
            Masks out = new Masks(new int[rows.length], new int[rows.length], new int[rows.length][]);
            for (int i = 0; i < rows.length; i++) {
                Rle m = masks[rows[i]];
                out.h[i] = m.h();
                out.w[i] = m.w();
                out.counts[i] = m.counts();
            }
            return out;
        }

        static Rle[] rles(Masks masks) {
            if (masks == null) {
                return null;
            }
            Rle[] out = new Rle[masks.h.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Rle.of(masks.h[i], masks.w[i], masks.counts[i]);
            }
            return out;
        }
    }

    private static long[] pick(long[] column, int[] rows) {
        return Arrays.stream(rows).mapToLong(r -> column[r]).toArray();
    }

    private static int[] pick(int[] column, int[] rows) {
        return column == null ? null : Arrays.stream(rows).map(r -> column[r]).toArray();
    }

    private static boolean[] pick(boolean[] column, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** The rows of a column of {@code size} rows with the same number of values each (4 for boxes, 3·K for keypoints). */
    private static double[] pick(double[] column, int[] rows, int size) {
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
}
