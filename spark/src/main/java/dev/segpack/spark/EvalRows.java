package dev.segpack.spark;

import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.EvaluationParts;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.rle.Rle;
import java.io.Serializable;

/**
 * The ground truths and detections of one part of an evaluation, as the driver sends them to an
 * executor: the engine's columns cut to the part's rows (in their order), masks as their counts.
 */
record EvalRows(GtColumns gt, DtColumns dt) implements Serializable {

    static EvalRows of(GroundTruth all, Detections allDt, EvaluationParts.Rows rows) {
        GroundTruth gt = all.rows(rows.gt());
        Detections dt = allDt.rows(rows.dt());
        return new EvalRows(new GtColumns(gt.ids(), gt.imageIds(), gt.categoryIds(), gt.areas(), gt.iscrowd(), gt.boxes(),
                Masks.of(gt.masks()), gt.keypoints(), gt.numKeypoints()),
                new DtColumns(dt.ids(), dt.imageIds(), dt.categoryIds(), dt.scores(), dt.areas(), dt.boxes(),
                        Masks.of(dt.masks()), dt.keypoints()));
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

        static Masks of(Rle[] masks) {
            if (masks == null) {
                return null;
            }
            Masks out = new Masks(new int[masks.length], new int[masks.length], new int[masks.length][]);
            for (int i = 0; i < masks.length; i++) {
                Rle m = masks[i];
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
}
