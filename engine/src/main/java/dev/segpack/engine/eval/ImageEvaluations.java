package dev.segpack.engine.eval;

import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * pycocotools' {@code evalImgs} as flat arrays: one entry per (category, area range, image) whose cell
 * holds a ground truth or a detection (pycocotools' other entries are None), in its order (category,
 * then area range, then image). Entry e's detections, sorted by score and cut at the largest maxDets,
 * are [dtStart[e], dtStart[e + 1]) of dtIds and dtScores; its ground truths, in evaluateImg's order
 * (those ignored for the area range last), are [gtStart[e], gtStart[e + 1]) of gtIds, and the first
 * gtCounted[e] of them are not ignored. Per IoU threshold t, with D and G the entry's counts:
 * dtMatches (the matched ground truth's id, 0 for none) and dtIgnore at T·dtStart[e] + t·D + d,
 * gtMatches (the id of the last detection matched to it, 0 for none) at T·gtStart[e] + t·G + g.
 *
 * @param category position of the entry's category in catIds (0 when categories are pooled)
 * @param area     position of its area range
 * @param image    position of its image in imgIds
 */
public record ImageEvaluations(int[] category, int[] area, int[] image, int[] dtStart, long[] dtIds,
        double[] dtScores, int[] gtStart, long[] gtIds, int[] gtCounted, double[] dtMatches, double[] gtMatches,
        boolean[] dtIgnore) {

    public int size() {
        return category.length;
    }

    /**
     * accumulate() over these entries, as pycocotools accumulates an evalImgs list (e.g. one merged from
     * several evaluations of parts of the images): {@code params} are those the entries were made with.
     * The entries of an image and category must hold the same detections for every area range, as
     * evaluateImg makes them.
     */
    public Accumulation accumulate(EvalParams params, Executor executor) {
        int areas = params.areaRanges().length, thresholds = params.iouThrs().length;
        int images = params.imgIds().length, n = size();
        long[] keys = new long[n];
        for (int e = 0; e < n; e++) {
            if (category[e] < 0 || category[e] >= params.categorySlots() || area[e] < 0 || area[e] >= areas
                    || image[e] < 0 || image[e] >= images) {
                throw new IllegalArgumentException("evalImgs entry " + e + " is outside the parameters' categories,"
                        + " area ranges or images");
            }
            keys[e] = ((long) category[e] * images + image[e]) << 32 | e;
        }
        Arrays.sort(keys);
        int cells = 0;
        int[] cellCategory = new int[n], cellImage = new int[n], firstEntry = new int[n + 1];
        for (int j = 0; j < n; j++) {
            if (j == 0 || keys[j] >>> 32 != keys[j - 1] >>> 32) {
                int e = (int) keys[j];
                cellCategory[cells] = category[e];
                cellImage[cells] = image[e];
                firstEntry[cells++] = j;
            }
        }
        firstEntry[cells] = n;
        int[] slotStart = new int[cells + 1];
        for (int c = 0; c < cells; c++) {
            int first = (int) keys[firstEntry[c]], detections = dtStart[first + 1] - dtStart[first];
            if (firstEntry[c + 1] - firstEntry[c] != areas) {
                throw new IllegalArgumentException("evalImgs holds " + (firstEntry[c + 1] - firstEntry[c]) + " of the "
                        + areas + " area ranges' entries of image " + params.imgIds()[cellImage[c]] + " (the others are None)");
            }
            slotStart[c + 1] = slotStart[c] + detections;
        }
        double[] scores = new double[slotStart[cells]];
        byte[] states = new byte[Math.multiplyExact(scores.length, areas * thresholds)];
        int[] counted = new int[cells * areas];
        for (int c = 0; c < cells; c++) {
            int slot = slotStart[c], detections = slotStart[c + 1] - slot;
            for (int j = firstEntry[c]; j < firstEntry[c + 1]; j++) {
                int e = (int) keys[j], a = area[e];
                if (dtStart[e + 1] - dtStart[e] != detections) {
                    throw new IllegalArgumentException("the evalImgs entries of image " + params.imgIds()[cellImage[c]]
                            + " differ in their detections from one area range to another");
                }
                System.arraycopy(dtScores, dtStart[e], scores, slot, detections);
                counted[c * areas + a] = gtCounted[e];
                for (int t = 0; t < thresholds; t++) {
                    for (int d = 0; d < detections; d++) {
                        int at = thresholds * dtStart[e] + t * detections + d;
                        states[((slot + d) * areas + a) * thresholds + t] = dtIgnore[at] ? Evaluation.IGNORED
                                : dtMatches[at] != 0 ? Evaluation.TRUE_POSITIVE : Evaluation.FALSE_POSITIVE;
                    }
                }
            }
        }
        Cells given = new Cells(cells, Arrays.copyOf(cellCategory, cells), Arrays.copyOf(cellImage, cells),
                new int[cells + 1], new int[0], slotStart, new int[0]);
        return new Evaluation(params, given, slotStart, scores, states, counted).accumulate(executor);
    }

    /** The entries of an evaluation made with details (its slotRows, matched and gtOrder). */
    static ImageEvaluations of(Evaluation e, GroundTruth gt, Detections dt) {
        Cells cells = e.cells;
        int areas = e.params().areaRanges().length, thresholds = e.params().iouThrs().length;
        int n = cells.count() * areas;
        int[] category = new int[n], area = new int[n], image = new int[n], cellOf = new int[n];
        int[] dtStart = new int[n + 1], gtStart = new int[n + 1], gtCounted = new int[n];
        int entry = 0;
        for (int c0 = 0; c0 < cells.count(); ) {
            int c1 = c0;
            while (c1 < cells.count() && cells.category()[c1] == cells.category()[c0]) {
                c1++;
            }
            for (int a = 0; a < areas; a++) {
                for (int c = c0; c < c1; c++, entry++) {
                    category[entry] = cells.category()[c];
                    area[entry] = a;
                    image[entry] = cells.image()[c];
                    cellOf[entry] = c;
                    gtCounted[entry] = e.counted[c * areas + a];
                    dtStart[entry + 1] = dtStart[entry] + e.slotStart[c + 1] - e.slotStart[c];
                    gtStart[entry + 1] = gtStart[entry] + cells.gtCount(c);
                }
            }
            c0 = c1;
        }
        long[] dtIds = new long[dtStart[n]], gtIds = new long[gtStart[n]];
        double[] dtScores = new double[dtStart[n]];
        double[] dtMatches = new double[Math.multiplyExact(dtStart[n], thresholds)];
        double[] gtMatches = new double[Math.multiplyExact(gtStart[n], thresholds)];
        boolean[] dtIgnore = new boolean[dtMatches.length];
        for (int i = 0; i < n; i++) {
            int c = cellOf[i], a = area[i], slot = e.slotStart[c];
            int detections = dtStart[i + 1] - dtStart[i], truths = gtStart[i + 1] - gtStart[i];
            int order = cells.gtStart()[c] * areas + a * truths;
            for (int g = 0; g < truths; g++) {
                gtIds[gtStart[i] + g] = gt.ids()[e.gtOrder[order + g]];
            }
            for (int d = 0; d < detections; d++) {
                dtIds[dtStart[i] + d] = dt.ids()[e.slotRows[slot + d]];
                dtScores[dtStart[i] + d] = e.scores[slot + d];
            }
            for (int t = 0; t < thresholds; t++) {
                for (int d = 0; d < detections; d++) {
                    int state = ((slot + d) * areas + a) * thresholds + t;
                    int m = e.matched[state];
                    int at = thresholds * dtStart[i] + t * detections + d;
                    dtIgnore[at] = e.states[state] == Evaluation.IGNORED;
                    if (m >= 0) {
                        dtMatches[at] = gt.ids()[e.gtOrder[order + m]];
                        gtMatches[thresholds * gtStart[i] + t * truths + m] = dtIds[dtStart[i] + d];
                    }
                }
            }
        }
        return new ImageEvaluations(category, area, image, dtStart, dtIds, dtScores, gtStart, gtIds, gtCounted,
                dtMatches, gtMatches, dtIgnore);
    }
}
