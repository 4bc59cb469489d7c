package dev.segpack.engine.eval;

import dev.segpack.engine.parallel.Chunks;
import java.util.concurrent.Executor;

/**
 * What evaluateImg gives for every (category, image) cell, in primitive arrays whose size follows the
 * detections: per kept detection its score and, per area range and IoU threshold, one state byte (the
 * dtMatches/dtIgnore pair accumulate reads); per cell and area range the number of ground truths not
 * ignored. Cells without ground truth or detections (pycocotools' None entries) take no room.
 */
public final class Evaluation {

    static final byte FALSE_POSITIVE = 0;
    static final byte TRUE_POSITIVE = 1;
    static final byte IGNORED = 2;

    private final EvalParams params;
    final Cells cells;
    /** Cell c's detections, sorted by score and cut at maxDets[-1], are the slots [slotStart[c], slotStart[c + 1]). */
    final int[] slotStart;
    final double[] scores;
    /** State of slot s for area range a and threshold t at ((s·A) + a)·T + t. */
    final byte[] states;
    /** Ground truths of cell c not ignored for area range a, at c·A + a. */
    final int[] counted;
    /**
     * With details (for {@link ImageEvaluations}), else null: the detection row of each slot; per state the
     * position, in the cell's ground-truth order for that area range, of the ground truth matched (−1 for
     * none); and that order, cell c's ground-truth rows for area range a at gtStart[c]·A + a·G + g.
     */
    final int[] slotRows;
    final int[] matched;
    final int[] gtOrder;

    Evaluation(EvalParams params, Cells cells, boolean details) {
        this.params = params;
        this.cells = cells;
        int maxDet = params.maxDets()[params.maxDets().length - 1];
        slotStart = new int[cells.count() + 1];
        for (int c = 0; c < cells.count(); c++) {
            slotStart[c + 1] = Math.addExact(slotStart[c], Math.min(cells.dtCount(c), maxDet));
        }
        int areas = params.areaRanges().length;
        scores = new double[slotStart[cells.count()]];
        states = new byte[Math.multiplyExact(scores.length, areas * params.iouThrs().length)];
        counted = new int[cells.count() * areas];
        slotRows = details ? new int[scores.length] : null;
        matched = details ? new int[states.length] : null;
        gtOrder = details ? new int[Math.multiplyExact(cells.gtRows().length, areas)] : null;
    }

    /** An evaluation given as its arrays (see {@link ImageEvaluations#accumulate}), without details. */
    Evaluation(EvalParams params, Cells cells, int[] slotStart, double[] scores, byte[] states, int[] counted) {
        this.params = params;
        this.cells = cells;
        this.slotStart = slotStart;
        this.scores = scores;
        this.states = states;
        this.counted = counted;
        slotRows = null;
        matched = null;
        gtOrder = null;
    }

    public EvalParams params() {
        return params;
    }

    /** Detections kept after the cut at maxDets[-1], over all cells. */
    public int detections() {
        return scores.length;
    }

    /**
     * accumulate(): precision, recall and scores over every category, area range and maxDets, with
     * pycocotools' arithmetic, computed category by category on {@code executor} (the same numbers for
     * any executor).
     */
    public Accumulation accumulate(Executor executor) {
        int categories = params.categorySlots();
        int[] firstCell = new int[categories + 1];
        for (int c = 0; c < cells.count(); c++) {
            firstCell[cells.category()[c] + 1]++;
        }
        for (int k = 0; k < categories; k++) {
            firstCell[k + 1] += firstCell[k];
        }
        Accumulation acc = new Accumulation(params);
        Chunks chunks = Chunks.of(categories);
        chunks.forEach(executor, chunk -> {
            for (int k = chunks.start(chunk), end = chunks.start(chunk + 1); k < end; k++) {
                accumulate(acc, k, firstCell[k], firstCell[k + 1]);
            }
        });
        return acc;
    }

    /** accumulate's loop body for category k, whose cells are [c0, c1) in image order. */
    private void accumulate(Accumulation acc, int k, int c0, int c1) {
        int areas = params.areaRanges().length, thresholds = params.iouThrs().length;
        double[] recThrs = params.recThrs();
        int[] maxDets = params.maxDets();
        for (int m = 0; m < maxDets.length; m++) {
            int n = 0;
            for (int c = c0; c < c1; c++) {
                n += Math.min(slotStart[c + 1] - slotStart[c], maxDets[m]);
            }
            // np.concatenate of each image's first maxDet scores, then a stable sort on −score
            double[] concatenated = new double[n];
            int[] slots = new int[n];
            int at = 0;
            for (int c = c0; c < c1; c++) {
                for (int s = slotStart[c], end = Math.min(slotStart[c + 1], s + maxDets[m]); s < end; s++) {
                    concatenated[at] = scores[s];
                    slots[at++] = s;
                }
            }
            int[] order = Numpy.descendingOrder(concatenated, 0, n);
            double[] sortedScores = new double[n];
            int[] sortedSlots = new int[n];
            for (int i = 0; i < n; i++) {
                sortedScores[i] = concatenated[order[i]];
                sortedSlots[i] = slots[order[i]];
            }
            double[] rc = new double[n], pr = new double[n];
            for (int a = 0; a < areas; a++) {
                int npig = 0;
                for (int c = c0; c < c1; c++) {
                    npig += counted[c * areas + a];
                }
                if (npig == 0) {
                    continue;
                }
                for (int t = 0; t < thresholds; t++) {
                    long tp = 0, fp = 0;
                    for (int i = 0; i < n; i++) {
                        byte state = states[(sortedSlots[i] * areas + a) * thresholds + t];
                        if (state == TRUE_POSITIVE) {
                            tp++;
                        } else if (state == FALSE_POSITIVE) {
                            fp++;
                        }
                        rc[i] = tp / (double) npig;
                        pr[i] = tp / ((double) fp + tp + Numpy.SPACING_1);
                    }
                    acc.setRecall(t, k, a, m, n > 0 ? rc[n - 1] : 0);
                    // the precision envelope, from the right
                    for (int i = n - 1; i > 0; i--) {
                        if (pr[i] > pr[i - 1]) {
                            pr[i - 1] = pr[i];
                        }
                    }
                    for (int r = 0; r < recThrs.length; r++) {
                        int i = Numpy.searchLeft(rc, n, recThrs[r]);
                        // past the last detection pycocotools leaves the zeros it started from
                        acc.setPrecision(t, r, k, a, m, i < n ? pr[i] : 0, i < n ? sortedScores[i] : 0);
                    }
                }
            }
        }
    }
}
