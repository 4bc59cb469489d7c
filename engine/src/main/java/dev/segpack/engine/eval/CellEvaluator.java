package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.MaskApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * evaluateImg for one cell (an image and a category) at a time, into the evaluation's arrays at the
 * cell's own places: the detections sorted by score (stable) and cut at the largest maxDets, their
 * IoU (or OKS) with the ground truths, and per area range and IoU threshold pycocotools' greedy
 * matching, kept as one state per detection (true positive, false positive, ignored) and the number
 * of ground truths not ignored. One instance per worker thread.
 */
final class CellEvaluator {

    private final EvalParams p;
    private final GroundTruth gt;
    private final Detections dt;
    private final MaskColumn gtMasks;
    private final MaskColumn dtMasks;
    private final Cells cells;
    private final Evaluation out;
    /** When not null, what {@link CocoEval#matches} reports, at the first area range and IoU threshold. */
    private final Matches record;

    /** pycocotools matches at min(t, 1 − 1e−10), so that an IoU of 1 meets a threshold of 1. */
    private static final double MATCH_CEILING = 1 - 1e-10;

    /** The evaluator of {@code out}'s cells; {@code gtMasks} and {@code dtMasks} are the masks for segm. */
    CellEvaluator(Evaluation out, GroundTruth gt, MaskColumn gtMasks, Detections dt, MaskColumn dtMasks, Matches record) {
        this.record = record;
        this.p = out.params();
        this.gt = gt;
        this.dt = dt;
        this.gtMasks = gtMasks;
        this.dtMasks = dtMasks;
        this.cells = out.cells;
        this.out = out;
    }

    void evaluate(int c) {
        int gFrom = cells.gtStart()[c], gts = cells.gtCount(c);
        int dFrom = cells.dtStart()[c], slot = out.slotStart[c], dts = out.slotStart[c + 1] - slot;
        double[] cellScores = new double[cells.dtCount(c)];
        for (int i = 0; i < cellScores.length; i++) {
            cellScores[i] = dt.scores()[cells.dtRows()[dFrom + i]];
        }
        int[] order = Numpy.descendingOrder(cellScores, 0, cellScores.length);
        int[] dtRows = new int[dts];
        for (int d = 0; d < dts; d++) {
            dtRows[d] = cells.dtRows()[dFrom + order[d]];
            out.scores[slot + d] = cellScores[order[d]];
        }
        if (out.slotRows != null) {
            System.arraycopy(dtRows, 0, out.slotRows, slot, dts);
        }
        boolean[] crowd = new boolean[gts];
        for (int g = 0; g < gts; g++) {
            crowd[g] = gt.iscrowd()[cells.gtRows()[gFrom + g]];
        }
        double[][] iou = gts == 0 || dts == 0 ? null : iou(gFrom, gts, crowd, dtRows);

        double[] thresholds = p.iouThrs();
        int areas = p.areaRanges().length, t = thresholds.length;
        int[] gtOrder = new int[gts];
        boolean[] ignoredInOrder = new boolean[gts], crowdInOrder = new boolean[gts], taken = new boolean[gts];
        for (int a = 0; a < areas; a++) {
            double lo = p.areaRanges()[a][0], hi = p.areaRanges()[a][1];
            out.counted[c * areas + a] = orderIgnoredLast(gFrom, gts, lo, hi, crowd, gtOrder, ignoredInOrder, crowdInOrder);
            if (out.gtOrder != null) {
                for (int g = 0; g < gts; g++) {
                    out.gtOrder[gFrom * areas + a * gts + g] = cells.gtRows()[gFrom + gtOrder[g]];
                }
            }
            for (int ti = 0; ti < t; ti++) {
                Arrays.fill(taken, false);
                for (int d = 0; d < dts; d++) {
                    int m = iou == null ? -1 : match(iou[d], gtOrder, ignoredInOrder, crowdInOrder, taken,
                            Math.min(thresholds[ti], MATCH_CEILING));
                    byte state;
                    if (m >= 0) {
                        // gtMatches holds the detection's id: only a positive one marks the gt as taken
                        taken[m] = dt.ids()[dtRows[d]] > 0;
                    }
                    // dtMatches holds the gt's id, so a match to a gt with id 0 counts as no match
                    boolean matched = m >= 0 && gt.ids()[cells.gtRows()[gFrom + gtOrder[m]]] != 0;
                    if (m >= 0 && ignoredInOrder[m]) {
                        state = Evaluation.IGNORED;
                    } else if (matched) {
                        state = Evaluation.TRUE_POSITIVE;
                    } else {
                        double area = dt.areas()[dtRows[d]];
                        state = area < lo || area > hi ? Evaluation.IGNORED : Evaluation.FALSE_POSITIVE;
                    }
                    out.states[((slot + d) * areas + a) * t + ti] = state;
                    if (out.matched != null) {
                        out.matched[((slot + d) * areas + a) * t + ti] = m;
                    }
                    if (record != null && a == 0 && ti == 0) {
                        record.set(dtRows[d], state, m < 0 ? -1 : cells.gtRows()[gFrom + gtOrder[m]], dt.ids()[dtRows[d]] > 0);
                    }
                }
            }
        }
    }

    /**
     * The cell's ground truths in evaluateImg's order, ignored last (a stable sort of the 0/1 flags),
     * with their ignore and crowd flags in that order; returns how many are not ignored. A ground truth
     * is ignored for the range [lo, hi] when it is a crowd (or an unlabelled person) or its area field
     * lies outside.
     */
    private int orderIgnoredLast(int gFrom, int gts, double lo, double hi, boolean[] crowd, int[] gtOrder,
            boolean[] ignoredInOrder, boolean[] crowdInOrder) {
        int placed = 0, counted = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int g = 0; g < gts; g++) {
                int row = cells.gtRows()[gFrom + g];
                double area = gt.areas()[row];
                boolean ignored = gt.ignored(row, p.iouType()) || area < lo || area > hi;
                if (ignored == (pass == 1)) {
                    ignoredInOrder[placed] = ignored;
                    crowdInOrder[placed] = crowd[g];
                    gtOrder[placed++] = g;
                }
            }
            if (pass == 0) {
                counted = placed;
            }
        }
        return counted;
    }

    /**
     * The greedy match of one detection: the ground truth (position in the ignore-last order) with the
     * highest IoU of at least {@code floor}, skipping taken non-crowd ones and stopping at the ignored
     * ones once a regular one matched; −1 for none. Of equal IoUs the later ground truth wins, as in
     * pycocotools.
     */
    private static int match(double[] iouRow, int[] gtOrder, boolean[] ignored, boolean[] crowd, boolean[] taken,
            double floor) {
        double best = floor;
        int m = -1;
        for (int g = 0; g < gtOrder.length; g++) {
            if (taken[g] && !crowd[g]) {
                continue;
            }
            if (m > -1 && !ignored[m] && ignored[g]) {
                break;
            }
            double v = iouRow[gtOrder[g]];
            if (v < best) {
                continue;
            }
            best = v;
            m = g;
        }
        return m;
    }

    /** computeIoU / computeOks of the cell: {@code iou[d][g]}, ground truths in the cell's order; null when there is none. */
    private double[][] iou(int gFrom, int gts, boolean[] crowd, int[] dtRows) {
        int dts = dtRows.length;
        return switch (p.iouType()) {
            case BBOX -> {
                List<Bbox> d = new ArrayList<>(dts), g = new ArrayList<>(gts);
                for (int row : dtRows) {
                    d.add(box(dt.boxes(), row));
                }
                for (int i = 0; i < gts; i++) {
                    g.add(box(gt.boxes(), cells.gtRows()[gFrom + i]));
                }
                yield MaskApi.bbIou(d, g, crowd);
            }
            case SEGM -> {
                Foreground[] d = new Foreground[dts], g = new Foreground[gts];
                for (int i = 0; i < dts; i++) {
                    d[i] = dtMasks.foreground(dtRows[i]);
                }
                for (int i = 0; i < gts; i++) {
                    g[i] = gtMasks.foreground(cells.gtRows()[gFrom + i]);
                }
                yield maskIou(d, g, crowd);
            }
            // computeOks looks the ground truths up under category −1 when categories are pooled, finds
            // none, and so matches nothing: kept as pycocotools does it
            case KEYPOINTS -> p.useCats()
                    ? Oks.matrix(gt, cells.gtRows(), gFrom, gts, dt, dtRows, dts, p.kptOksSigmas())
                    : null;
        };
    }

    /** rleIou of one cell, through the engine's IoU row routine (the cell already runs on a worker thread). */
    private static double[][] maskIou(Foreground[] dt, Foreground[] gt, boolean[] crowd) {
        double[][] o = Foreground.boxIou(dt, gt, crowd);
        for (int d = 0; d < dt.length; d++) {
            Foreground.maskIouRow(o[d], dt[d], gt, crowd);
        }
        return o;
    }

    private static Bbox box(double[] boxes, int row) {
        return new Bbox(boxes[4 * row], boxes[4 * row + 1], boxes[4 * row + 2], boxes[4 * row + 3]);
    }
}
