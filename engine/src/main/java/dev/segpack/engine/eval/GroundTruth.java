package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Rle;

/**
 * Ground-truth annotations as columns, one row per annotation in the file's order (the order decides
 * ties, as in pycocotools). Only the columns the iou type reads must be present; the others may be null.
 *
 * @param areas        the annotation's {@code area} field (area ranges use it, never the mask)
 * @param iscrowd      crowd regions: ignored, matched by any number of detections, IoU over the detection's area
 * @param boxes        [x, y, w, h] per row (4 values a row): bbox IoU, and the keypoints' ignore margin
 * @param masks        one mask per row for segm (annToRLE of the segmentation), or null when the evaluation is
 *                     given them as a {@link MaskColumn}
 * @param keypoints    x, y, v per keypoint (3·K values a row) for keypoints
 * @param numKeypoints the {@code num_keypoints} field for keypoints (0 makes the person ignored)
 */
public record GroundTruth(long[] ids, long[] imageIds, long[] categoryIds, double[] areas, boolean[] iscrowd,
        double[] boxes, Rle[] masks, double[] keypoints, int[] numKeypoints) {

    public GroundTruth {
        int n = ids.length;
        Columns.check("ground truth", n, new String[] {"image ids", "category ids", "areas", "iscrowd flags"},
                imageIds.length, categoryIds.length, areas.length, iscrowd.length);
        Columns.checkOptional("ground truth", n, boxes, masks, keypoints, numKeypoints == null ? -1 : numKeypoints.length);
    }

    public int size() {
        return ids.length;
    }

    /** These rows, in the order given. */
    public GroundTruth rows(int[] rows) {
        int n = size();
        return new GroundTruth(Columns.pick(ids, rows), Columns.pick(imageIds, rows), Columns.pick(categoryIds, rows),
                Columns.pick(areas, rows, n), Columns.pick(iscrowd, rows), Columns.pick(boxes, rows, n),
                Columns.pick(masks, rows), Columns.pick(keypoints, rows, n), Columns.pick(numKeypoints, rows));
    }

    /** pycocotools' gt['ignore'] after _prepare: iscrowd (the file's own 'ignore' field is overwritten), and for keypoints also num_keypoints == 0. */
    boolean ignored(int row, IouType type) {
        return iscrowd[row] || (type == IouType.KEYPOINTS && numKeypoints[row] == 0);
    }
}
