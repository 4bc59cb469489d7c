package dev.segpack.engine.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * evaluate() in parts, for work shared out over machines: {@link #split} cuts the (category, image)
 * cells into parts of whole cells, each part's rows are evaluated on their own ({@link CocoEval#evaluate}
 * of just those ground truths and detections, anywhere), {@link Part#of} keeps what accumulate reads
 * of each, and {@link #merge} puts the parts into the evaluation that evaluate() of all the rows gives:
 * the same arrays whatever the split and the order of the parts.
 */
public final class EvaluationParts {

    private EvaluationParts() {
    }

    /**
     * The ground-truth and detection rows of one part, ascending, so that every cell of the part sees
     * its rows in the order of the whole (the order decides ties).
     */
    public record Rows(int[] gt, int[] dt) {
    }

    /**
     * What accumulate reads of an evaluation of some cells: per cell its category and image positions in
     * the parameters, its detections kept after the cut at maxDets[-1] and its ground truths not ignored
     * per area range; per kept detection its score and its states (as {@link Evaluation} holds them).
     */
    public record Part(int[] category, int[] image, int[] kept, int[] counted, double[] scores, byte[] states)
            implements Serializable {

        public static Part of(Evaluation e) {
            int n = e.cells.count();
            int[] kept = new int[n];
            for (int c = 0; c < n; c++) {
                kept[c] = e.slotStart[c + 1] - e.slotStart[c];
            }
            return new Part(Arrays.copyOf(e.cells.category(), n), Arrays.copyOf(e.cells.image(), n), kept,
                    e.counted.clone(), e.scores.clone(), e.states.clone());
        }
    }

    /**
     * The cells of the parameters cut into at most {@code parts} runs of whole cells, in cell order, of
     * about equal work (a cell costs about its ground truths times its detections); no part is empty.
     */
    public static List<Rows> split(EvalParams p, GroundTruth gt, Detections dt, int parts) {
        Cells cells = Cells.of(p, gt.imageIds(), gt.categoryIds(), dt.imageIds(), dt.categoryIds());
        double total = 0;
        for (int c = 0; c < cells.count(); c++) {
            total += cost(cells, c);
        }
        List<Rows> out = new ArrayList<>();
        double done = 0;
        int from = 0;
        for (int c = 0; c < cells.count(); c++) {
            done += cost(cells, c);
            if (done * parts >= total * (out.size() + 1) || c == cells.count() - 1) {
                out.add(new Rows(rows(cells.gtRows(), cells.gtStart(), from, c + 1),
                        rows(cells.dtRows(), cells.dtStart(), from, c + 1)));
                from = c + 1;
            }
        }
        return out;
    }

    private static double cost(Cells cells, int c) {
        return (cells.gtCount(c) + 1.0) * (cells.dtCount(c) + 1.0);
    }

    private static int[] rows(int[] rows, int[] start, int fromCell, int toCell) {
        int[] out = Arrays.copyOfRange(rows, start[fromCell], start[toCell]);
        Arrays.sort(out);
        return out;
    }

    /**
     * The evaluation of every cell from the parts that {@link #split} gave (or any split into whole
     * cells), given all the rows' image and category ids; refuses parts that miss a cell, hold one twice
     * or hold part of one.
     */
    public static Evaluation merge(EvalParams p, GroundTruth gt, Detections dt, List<Part> parts) {
        Cells cells = Cells.of(p, gt.imageIds(), gt.categoryIds(), dt.imageIds(), dt.categoryIds());
        Evaluation e = new Evaluation(p, cells, false);
        int images = p.imgIds().length, areas = p.areaRanges().length, states = areas * p.iouThrs().length;
        long[] keys = new long[cells.count()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = (long) cells.category()[c] * images + cells.image()[c];
        }
        boolean[] filled = new boolean[cells.count()];
        int missing = cells.count();
        for (Part part : parts) {
            int slot = 0;
            for (int j = 0; j < part.kept().length; j++) {
                int c = Arrays.binarySearch(keys, (long) part.category()[j] * images + part.image()[j]);
                if (c < 0 || filled[c] || part.kept()[j] != e.slotStart[c + 1] - e.slotStart[c]) {
                    throw new IllegalArgumentException("the parts do not hold whole cells: category position "
                            + part.category()[j] + ", image position " + part.image()[j] + " is "
                            + (c < 0 ? "not a cell" : filled[c] ? "in two parts" : "not whole in its part"));
                }
                filled[c] = true;
                missing--;
                int kept = part.kept()[j];
                System.arraycopy(part.scores(), slot, e.scores, e.slotStart[c], kept);
                System.arraycopy(part.states(), slot * states, e.states, e.slotStart[c] * states, kept * states);
                System.arraycopy(part.counted(), j * areas, e.counted, c * areas, areas);
                slot += kept;
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException("the parts miss " + missing + " of " + cells.count() + " cells");
        }
        return e;
    }
}
