package dev.segpack.engine.eval;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * COCOeval's Params, as {@code evaluate()} normalises them: image ids sorted and unique, category ids
 * sorted and unique when categories are used (in the given order otherwise, since that order is the
 * order pycocotools concatenates their annotations in), maxDets ascending. The arrays are the
 * record's own; callers must not change them.
 *
 * @param areaRanges  one [lo, hi] pair per range; an object is in a range when lo ≤ area ≤ hi
 * @param areaLabels  the range names summarize looks up ("all", "small", "medium", "large")
 * @param kptOksSigmas per-keypoint sigmas (pycocotools' list / 10), used for keypoints only
 */
public record EvalParams(IouType iouType, long[] imgIds, long[] catIds, boolean useCats, double[] iouThrs,
        double[] recThrs, int[] maxDets, double[][] areaRanges, List<String> areaLabels, double[] kptOksSigmas)
        implements Serializable {

    private static final double[] COCO_SIGMAS_X10 = {.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07,
        1.07, .87, .87, .89, .89};

    public EvalParams {
        imgIds = Arrays.stream(imgIds).sorted().distinct().toArray();
        if (useCats) {
            catIds = Arrays.stream(catIds).sorted().distinct().toArray();
        } else if (Arrays.stream(catIds).distinct().count() != catIds.length) {
            // pycocotools would gather a category's annotations once per repetition
            throw new IllegalArgumentException("catIds repeat a category: " + Arrays.toString(catIds));
        }
        maxDets = Arrays.stream(maxDets).sorted().toArray();
        if (maxDets.length == 0 || maxDets[0] < 0) {
            throw new IllegalArgumentException("maxDets must be non-empty and non-negative: " + Arrays.toString(maxDets));
        }
        if (iouThrs.length == 0 || recThrs.length == 0) {
            throw new IllegalArgumentException("iouThrs and recThrs must not be empty");
        }
        areaLabels = List.copyOf(areaLabels);
        if (areaRanges.length != areaLabels.size()) {
            throw new IllegalArgumentException(areaRanges.length + " area ranges but " + areaLabels.size() + " labels");
        }
        for (double[] range : areaRanges) {
            if (range.length != 2) {
                throw new IllegalArgumentException("an area range is [lo, hi], not " + Arrays.toString(range));
            }
        }
        if (iouType == IouType.KEYPOINTS && kptOksSigmas == null) {
            throw new IllegalArgumentException("keypoint evaluation needs kptOksSigmas");
        }
    }

    /**
     * COCOeval's defaults for this iou type over the given images and categories (COCOeval sets them to
     * every image and category of the ground truth): 10 IoU thresholds .5:.05:.95, 101 recall thresholds,
     * maxDets 1, 10, 100 and the areas all/small/medium/large, or for keypoints maxDets 20, the areas
     * all/medium/large and the 17 COCO person sigmas.
     */
    public static EvalParams defaults(IouType iouType, long[] imgIds, long[] catIds) {
        double[] iouThrs = Numpy.linspace(.5, .95, 10);
        double[] recThrs = Numpy.linspace(.0, 1.00, 101);
        double all = 1e5 * 1e5;
        if (iouType == IouType.KEYPOINTS) {
            double[] sigmas = Arrays.stream(COCO_SIGMAS_X10).map(s -> s / 10.0).toArray();
            return new EvalParams(iouType, imgIds, catIds, true, iouThrs, recThrs, new int[] {20},
                    new double[][] {{0, all}, {32 * 32, 96 * 96}, {96 * 96, all}}, List.of("all", "medium", "large"),
                    sigmas);
        }
        return new EvalParams(iouType, imgIds, catIds, true, iouThrs, recThrs, new int[] {1, 10, 100},
                new double[][] {{0, all}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, all}},
                List.of("all", "small", "medium", "large"), null);
    }

    public EvalParams withImgIds(long[] ids) {
        return new EvalParams(iouType, ids, catIds, useCats, iouThrs, recThrs, maxDets, areaRanges, areaLabels,
                kptOksSigmas);
    }

    public EvalParams withCatIds(long[] ids) {
        return new EvalParams(iouType, imgIds, ids, useCats, iouThrs, recThrs, maxDets, areaRanges, areaLabels,
                kptOksSigmas);
    }

    /** useCats=0: every category's annotations of an image are pooled (proposal scoring). */
    public EvalParams withUseCats(boolean use) {
        return new EvalParams(iouType, imgIds, catIds, use, iouThrs, recThrs, maxDets, areaRanges, areaLabels,
                kptOksSigmas);
    }

    public EvalParams withIouThrs(double[] thresholds) {
        return new EvalParams(iouType, imgIds, catIds, useCats, thresholds, recThrs, maxDets, areaRanges, areaLabels,
                kptOksSigmas);
    }

    public EvalParams withRecThrs(double[] thresholds) {
        return new EvalParams(iouType, imgIds, catIds, useCats, iouThrs, thresholds, maxDets, areaRanges, areaLabels,
                kptOksSigmas);
    }

    public EvalParams withMaxDets(int... max) {
        return new EvalParams(iouType, imgIds, catIds, useCats, iouThrs, recThrs, max, areaRanges, areaLabels,
                kptOksSigmas);
    }

    public EvalParams withAreaRanges(double[][] ranges, List<String> labels) {
        return new EvalParams(iouType, imgIds, catIds, useCats, iouThrs, recThrs, maxDets, ranges, labels,
                kptOksSigmas);
    }

    public EvalParams withKptOksSigmas(double[] sigmas) {
        return new EvalParams(iouType, imgIds, catIds, useCats, iouThrs, recThrs, maxDets, areaRanges, areaLabels,
                sigmas);
    }

    /** K of precision [T,R,K,A,M]: the categories, or 1 when categories are pooled. */
    int categorySlots() {
        return useCats ? catIds.length : 1;
    }
}
