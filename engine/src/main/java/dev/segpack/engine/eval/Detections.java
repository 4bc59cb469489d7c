package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Rle;

/**
 * Detections (results) as columns, one row per result in the results file's order, as COCO.loadRes
 * leaves them. Only the columns the iou type reads must be present; the others may be null.
 *
 * @param ids       loadRes numbers results 1..n; a match is recorded by id, and only ids above 0 mark a ground truth as taken
 * @param areas     loadRes' area: w·h of the box (bbox), the mask's area (segm), the keypoints' extent (keypoints)
 * @param boxes     [x, y, w, h] per row (4 values a row) for bbox
 * @param masks     one mask per row for segm
 * @param keypoints x, y, v per keypoint (3·K values a row) for keypoints
 */
public record Detections(long[] ids, long[] imageIds, long[] categoryIds, double[] scores, double[] areas,
        double[] boxes, Rle[] masks, double[] keypoints) {

    public Detections {
        int n = ids.length;
        Columns.check("detections", n, new String[] {"image ids", "category ids", "scores", "areas"},
                imageIds.length, categoryIds.length, scores.length, areas.length);
        Columns.checkOptional("detections", n, boxes, masks, keypoints, -1);
    }

    public int size() {
        return ids.length;
    }

    /** These rows, in the order given. */
    public Detections rows(int[] rows) {
        int n = size();
        return new Detections(Columns.pick(ids, rows), Columns.pick(imageIds, rows), Columns.pick(categoryIds, rows),
                Columns.pick(scores, rows, n), Columns.pick(areas, rows, n), Columns.pick(boxes, rows, n),
                Columns.pick(masks, rows), Columns.pick(keypoints, rows, n));
    }
}
