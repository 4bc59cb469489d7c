package dev.segpack.eval;

import dev.segpack.coco.CocoFormatException;
import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.CocoEval;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.Evaluation;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.eval.MaskColumn;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.Rle;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * pycocotools' {@code COCOeval(COCO(gt), gt.loadRes(results), iouType)} on files: the entry point for
 * the command line and the Python binding. {@link #defaultParams} are COCOeval's, {@link #groundTruth}
 * is what _prepare takes from the ground truth, {@link #evaluate} runs evaluate() and accumulate().
 */
public final class CocoEvaluation {

    private CocoEvaluation() {
    }

    /** evaluate() then accumulate(), with how long each took. */
    public record Run(Evaluation evaluation, Accumulation accumulation, double evaluateSeconds,
            double accumulateSeconds) {
    }

    /** COCOeval's parameters for {@code type}: every image id of the ground truth (sorted) and every category id. */
    public static EvalParams defaultParams(CocoIndex gt, IouType type) {
        long[] images = gt.getImgIds(new long[0], new int[0]);
        long[] categories = new long[gt.categoryCount()];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = gt.categoryId(c);
        }
        return EvalParams.defaults(type, images, categories);
    }

    /**
     * The ground truths _prepare gathers for {@code p} (on its images, of its categories unless they are
     * pooled), in file order, with the columns its iou type compares: boxes, annToRLE masks, keypoints.
     */
    public static GroundTruth groundTruth(CocoIndex gt, EvalParams p) {
        return groundTruth(gt, p, Runnable::run);
    }

    /** {@link #groundTruth(CocoIndex, EvalParams)} with the masks rasterised on {@code executor}. */
    public static GroundTruth groundTruth(CocoIndex gt, EvalParams p, Executor executor) {
        int[] rows = rows(gt, p);
        Rle[] masks = p.iouType() == IouType.SEGM ? new Rle[rows.length] : null;
        if (masks != null) {
            Chunks chunks = Chunks.of(rows.length);
            chunks.forEach(executor, chunk -> {
                for (int i = chunks.start(chunk), end = chunks.start(chunk + 1); i < end; i++) {
                    masks[i] = gt.annToRle(rows[i]);
                }
            });
        }
        return columns(gt, p, rows, masks);
    }

    /** A ground truth's columns without masks, and its masks made one at a time ({@link #groundTruthOnDemand}). */
    public record OnDemand(GroundTruth columns, MaskColumn masks) {
    }

    /**
     * {@link #groundTruth(CocoIndex, EvalParams)} without the masks, which segm evaluation takes from
     * {@link OnDemand#masks} (annToRLE of the same rows) where a cell compares them: no mask is held longer
     * than its cell, and the ground truths of cells without detections are never rasterised.
     */
    public static OnDemand groundTruthOnDemand(CocoIndex gt, EvalParams p) {
        int[] rows = rows(gt, p);
        return new OnDemand(columns(gt, p, rows, null), row -> Foreground.of(gt.annToRle(rows[row])));
    }

    /** The annotations _prepare gathers for {@code p}, in file order: on its images, of its categories unless pooled. */
    private static int[] rows(CocoIndex gt, EvalParams p) {
        long[] imgIds = p.imgIds();
        long[] catIds = p.catIds().clone();
        Arrays.sort(catIds);
        int[] rows = new int[gt.annotationCount()];
        int n = 0;
        for (int a = 0; a < rows.length; a++) {
            boolean image = imgIds.length == 0 || Arrays.binarySearch(imgIds, gt.annotationImageId(a)) >= 0;
            boolean category = !p.useCats() || catIds.length == 0
                    || Arrays.binarySearch(catIds, gt.annotationCategoryId(a)) >= 0;
            if (image && category) {
                rows[n++] = a;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    private static GroundTruth columns(CocoIndex gt, EvalParams p, int[] rows, Rle[] masks) {
        int n = rows.length;
        long[] ids = new long[n], images = new long[n], categories = new long[n];
        double[] areas = new double[n], boxes = new double[4 * n];
        boolean[] crowd = new boolean[n];
        boolean kps = p.iouType() == IouType.KEYPOINTS;
        int values = kps ? 3 * p.kptOksSigmas().length : 0;
        double[] keypoints = kps ? new double[values * n] : null;
        int[] numKeypoints = kps ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            int a = rows[i];
            ids[i] = gt.annotationId(a);
            images[i] = gt.annotationImageId(a);
            categories[i] = gt.annotationCategoryId(a);
            areas[i] = gt.annotationArea(a);
            crowd[i] = gt.annotationIsCrowd(a);
            System.arraycopy(gt.annotationBbox(a).toArray(), 0, boxes, 4 * i, 4);
            if (kps) {
                double[] k = gt.keypoints(a);
                if (k.length != values) {
                    throw new CocoFormatException(gt.path() + ": annotation " + gt.describe(a) + " has " + k.length
                            + " keypoint values, not " + values + " (3 for each of " + values / 3 + " keypoints)");
                }
                System.arraycopy(k, 0, keypoints, values * i, values);
                numKeypoints[i] = gt.annotationNumKeypoints(a);
            }
        }
        return new GroundTruth(ids, images, categories, areas, crowd, boxes, masks, keypoints, numKeypoints);
    }

    /**
     * evaluate() and accumulate() of the results against the ground truth, on {@code executor}; for segm
     * the ground truths' masks come from {@code gtMasks} ({@link OnDemand#masks}).
     */
    public static Run evaluate(GroundTruth gt, MaskColumn gtMasks, CocoResults dt, EvalParams p, Executor executor) {
        long t0 = System.nanoTime();
        Evaluation evaluation = CocoEval.evaluate(p, gt, gtMasks, dt.detectionsWithoutMasks(), dt.masks(), executor);
        long t1 = System.nanoTime();
        Accumulation accumulation = evaluation.accumulate(executor);
        long t2 = System.nanoTime();
        return new Run(evaluation, accumulation, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
