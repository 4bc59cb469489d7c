package dev.segpack.eval;

import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.EvalParams;

/**
 * The per-category table people compute from COCOeval's arrays: for each category slot k, AP = the mean
 * of precision[:, :, k, area "all", last maxDets] over its entries above −1, AR the same over recall
 * [:, k, "all", last maxDets]; −1 when the category has no ground truth that counts. Plain summation, so
 * equal to numpy's mean to about 1e-15, not bit for bit.
 *
 * @param categoryIds the category of each slot (−1 when categories are pooled)
 */
public record CategoryScores(long[] categoryIds, double[] ap, double[] ar) {

    public static CategoryScores of(Accumulation acc) {
        EvalParams p = acc.params();
        int[] n = acc.counts();
        int all = p.areaLabels().indexOf("all");
        if (all < 0) {
            all = 0;
        }
        int last = n[4] - 1;
        long[] ids = p.useCats() ? p.catIds().clone() : new long[] {-1};
        double[] ap = new double[n[2]], ar = new double[n[2]];
        for (int k = 0; k < n[2]; k++) {
            double sum = 0;
            int kept = 0;
            for (int t = 0; t < n[0]; t++) {
                for (int r = 0; r < n[1]; r++) {
                    double v = acc.precision(t, r, k, all, last);
                    if (v > -1) {
                        sum += v;
                        kept++;
                    }
                }
            }
            ap[k] = kept == 0 ? -1 : sum / kept;
            sum = 0;
            kept = 0;
            for (int t = 0; t < n[0]; t++) {
                double v = acc.recall(t, k, all, last);
                if (v > -1) {
                    sum += v;
                    kept++;
                }
            }
            ar[k] = kept == 0 ? -1 : sum / kept;
        }
        return new CategoryScores(ids, ap, ar);
    }
}
