package dev.segpack.engine.eval;

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
