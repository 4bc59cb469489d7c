package dev.segpack.engine.eval;

import java.util.Arrays;

/**
 * accumulate()'s output: precision and scores [T,R,K,A,M] and recall [T,K,A,M] as flat C-order
 * (numpy) arrays, −1 where a category has no ground truth that is not ignored. The arrays are this
 * object's own; callers must not change them.
 */
public final class Accumulation {

    private final EvalParams params;
    private final int t, r, k, a, m;
    private final double[] precision;
    private final double[] recall;
    private final double[] scores;

    Accumulation(EvalParams params) {
        this.params = params;
        t = params.iouThrs().length;
        r = params.recThrs().length;
        k = params.categorySlots();
        a = params.areaRanges().length;
        m = params.maxDets().length;
        precision = new double[Math.multiplyExact(Math.multiplyExact(t * r, k), a * m)];
        scores = new double[precision.length];
        recall = new double[t * k * a * m];
        Arrays.fill(precision, -1);
        Arrays.fill(scores, -1);
        Arrays.fill(recall, -1);
    }

    public EvalParams params() {
        return params;
    }

    /** [T, R, K, A, M]: the shape of precision and scores (recall is the same without R). */
    public int[] counts() {
        return new int[] {t, r, k, a, m};
    }

    public double[] precision() {
        return precision;
    }

    public double[] recall() {
        return recall;
    }

    public double[] scores() {
        return scores;
    }

    public double precision(int ti, int ri, int ki, int ai, int mi) {
        return precision[index(ti, ri, ki, ai, mi)];
    }

    public double recall(int ti, int ki, int ai, int mi) {
        return recall[((ti * k + ki) * a + ai) * m + mi];
    }

    /** summarize(): the 12 stats (10 for keypoints) and the lines it prints. */
    public Summary summarize() {
        return Summary.of(this);
    }

    void setPrecision(int ti, int ri, int ki, int ai, int mi, double value, double score) {
        int i = index(ti, ri, ki, ai, mi);
        precision[i] = value;
        scores[i] = score;
    }

    void setRecall(int ti, int ki, int ai, int mi, double value) {
        recall[((ti * k + ki) * a + ai) * m + mi] = value;
    }

    private int index(int ti, int ri, int ki, int ai, int mi) {
        return (((ti * r + ri) * k + ki) * a + ai) * m + mi;
    }
}
