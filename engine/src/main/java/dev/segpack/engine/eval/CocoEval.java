package dev.segpack.engine.eval;

import dev.segpack.engine.parallel.Chunks;
import java.util.concurrent.Executor;

/**
 * COCOeval on arrays: {@link #evaluate} is evaluate() (per image and category: IoU, the stable sort by
 * score, greedy matching), then {@link Evaluation#accumulate} and {@link Accumulation#summarize} give
 * pycocotools' precision, recall, scores and stats, the same doubles. What COCOeval reads from the
 * files arrives already parsed: ground truths with their {@code area} field and iscrowd, detections as
 * COCO.loadRes leaves them (ids 1..n, their area).
 */
public final class CocoEval {

    private CocoEval() {
    }

    /**
     * evaluateImg for every (image, category) cell of the parameters, run in chunks of cells on
     * {@code executor} ({@code Runnable::run} for the calling thread); the result does not depend on it.
     */
    public static Evaluation evaluate(EvalParams params, GroundTruth gt, Detections dt, Executor executor) {
        return evaluate(params, gt, MaskColumn.of(gt.masks()), dt, MaskColumn.of(dt.masks()), executor);
    }

    /**
     * {@link #evaluate(EvalParams, GroundTruth, Detections, Executor)} with the masks (for segm) from
     * {@code gtMasks} and {@code dtMasks}, asked for one cell at a time, instead of {@code gt.masks()}
     * and {@code dt.masks()}: a mask is made only where a cell compares it, and none is held longer.
     */
    public static Evaluation evaluate(EvalParams params, GroundTruth gt, MaskColumn gtMasks, Detections dt,
            MaskColumn dtMasks, Executor executor) {
        return evaluate(params, gt, gtMasks, dt, dtMasks, executor, false);
    }

    /**
     * pycocotools' evalImgs: what evaluateImg returns for every cell and area range (the detections and
     * ground truths in its order, their matches and ignore flags), evaluated on {@code executor}.
     */
    public static ImageEvaluations imageEvaluations(EvalParams params, GroundTruth gt, Detections dt, Executor executor) {
        return ImageEvaluations.of(evaluate(params, gt, MaskColumn.of(gt.masks()), dt, MaskColumn.of(dt.masks()), executor,
                true), gt, dt);
    }

    private static Evaluation evaluate(EvalParams params, GroundTruth gt, MaskColumn gtMasks, Detections dt,
            MaskColumn dtMasks, Executor executor, boolean details) {
        checkColumns(params, gt, gtMasks, dt, dtMasks);
        Cells cells = Cells.of(params, gt.imageIds(), gt.categoryIds(), dt.imageIds(), dt.categoryIds());
        Evaluation evaluation = new Evaluation(params, cells, details);
        Chunks chunks = Chunks.of(cells.count());
        chunks.forEach(executor, chunk -> {
            CellEvaluator cell = new CellEvaluator(evaluation, gt, gtMasks, dt, dtMasks, null);
            for (int c = chunks.start(chunk), end = chunks.start(chunk + 1); c < end; c++) {
                cell.evaluate(c);
            }
        });
        return evaluation;
    }

    /**
     * Which detection matched which ground truth, at the parameters' first IoU threshold and first area
     * range, as evaluateImg matches them (for pictures and per-detection reports, not for the stats);
     * computed on the calling thread.
     */
    public static Matches matches(EvalParams params, GroundTruth gt, Detections dt) {
        MaskColumn gtMasks = MaskColumn.of(gt.masks()), dtMasks = MaskColumn.of(dt.masks());
        checkColumns(params, gt, gtMasks, dt, dtMasks);
        Cells cells = Cells.of(params, gt.imageIds(), gt.categoryIds(), dt.imageIds(), dt.categoryIds());
        Evaluation evaluation = new Evaluation(params, cells, false);
        Matches matches = new Matches(gt.size(), dt.size());
        CellEvaluator cell = new CellEvaluator(evaluation, gt, gtMasks, dt, dtMasks, matches);
        for (int c = 0; c < cells.count(); c++) {
            cell.evaluate(c);
        }
        return matches;
    }

    private static void checkColumns(EvalParams p, GroundTruth gt, MaskColumn gtMasks, Detections dt, MaskColumn dtMasks) {
        switch (p.iouType()) {
            case BBOX -> {
                require(gt.boxes() != null, "bbox evaluation needs the ground truths' boxes");
                require(dt.boxes() != null, "bbox evaluation needs the detections' boxes");
            }
            case SEGM -> {
                require(gtMasks != null, "segm evaluation needs the ground truths' masks");
                require(dtMasks != null, "segm evaluation needs the detections' masks");
            }
            case KEYPOINTS -> {
                int values = 3 * p.kptOksSigmas().length;
                require(gt.boxes() != null && gt.numKeypoints() != null && gt.keypoints() != null,
                        "keypoint evaluation needs the ground truths' boxes, keypoints and num_keypoints");
                require(dt.keypoints() != null, "keypoint evaluation needs the detections' keypoints");
                require(gt.keypoints().length == (long) values * gt.size(), "ground truths have "
                        + gt.keypoints().length + " keypoint values, not " + values + " for each of " + gt.size());
                require(dt.keypoints().length == (long) values * dt.size(), "detections have "
                        + dt.keypoints().length + " keypoint values, not " + values + " for each of " + dt.size());
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
