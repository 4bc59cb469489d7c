package dev.segpack.engine.eval;

/**
 * computeOks: the object keypoint similarity of every detection with every ground truth of a cell,
 * in pycocotools' order of operations: e = (dx² + dy²) / (2σ)² / (area + np.spacing(1)) / 2 per
 * keypoint, OKS = Σ exp(−e) / count over the ground truth's labelled keypoints (v > 0), or over all
 * keypoints measured from outside the doubled box when it has none. The sum is numpy's; exp is Java's
 * {@link Math#exp}, which agrees with the C library's exp that numpy uses without AVX-512 (numpy's
 * AVX-512 exp can differ in the last bit, which moves a match only for an OKS within a bit of a
 * threshold or of another ground truth's).
 */
final class Oks {

    private Oks() {
    }

    /**
     * {@code oks[d][g]} for the detections {@code dtRows[0..dts)} (sorted and cut) and the ground truths
     * {@code gtRows[gtFrom .. gtFrom + gts)}.
     */
    static double[][] matrix(GroundTruth gt, int[] gtRows, int gtFrom, int gts, Detections dt, int[] dtRows, int dts,
            double[] sigmas) {
        int k = sigmas.length;
        double[] vars = new double[k];
        for (int j = 0; j < k; j++) {
            double twice = sigmas[j] * 2;
            vars[j] = twice * twice;
        }
        double[] gk = gt.keypoints(), dk = dt.keypoints(), boxes = gt.boxes();
        double[][] oks = new double[dts][gts];
        double[] terms = new double[k];
        for (int g = 0; g < gts; g++) {
            int row = gtRows[gtFrom + g];
            int base = row * 3 * k;
            int labelled = 0;
            for (int j = 0; j < k; j++) {
                if (gk[base + 3 * j + 2] > 0) {
                    labelled++;
                }
            }
            double bx = boxes[4 * row], by = boxes[4 * row + 1], bw = boxes[4 * row + 2], bh = boxes[4 * row + 3];
            double x0 = bx - bw, x1 = bx + bw * 2, y0 = by - bh, y1 = by + bh * 2;
            double scale = gt.areas()[row] + Numpy.SPACING_1;
            for (int d = 0; d < dts; d++) {
                int dBase = dtRows[d] * 3 * k;
                int n = 0;
                for (int j = 0; j < k; j++) {
                    double xd = dk[dBase + 3 * j], yd = dk[dBase + 3 * j + 1];
                    double dx, dy;
                    if (labelled > 0) {
                        if (!(gk[base + 3 * j + 2] > 0)) {
                            continue;
                        }
                        dx = xd - gk[base + 3 * j];
                        dy = yd - gk[base + 3 * j + 1];
                    } else {
                        dx = Math.max(0, x0 - xd) + Math.max(0, xd - x1);
                        dy = Math.max(0, y0 - yd) + Math.max(0, yd - y1);
                    }
                    double e = (dx * dx + dy * dy) / vars[j] / scale / 2;
                    terms[n++] = Math.exp(-e);
                }
                oks[d][g] = Numpy.sum(terms, n) / n;
            }
        }
        return oks;
    }
}
