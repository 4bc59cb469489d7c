package dev.segpack.engine.skeleton;

import dev.segpack.engine.simd.Float32Exp;

/**
 * GeneratePoseTarget transcribed statement by statement from the toolbox (one numpy expression
 * after another, each pixel of a window computed on its own, in the dtype numpy gives it) into a
 * heap array {@code [T', C, H, W]}: the slow reference the painter is checked against.
 */
final class LiteralPoseTarget {

    private LiteralPoseTarget() {
    }

    static float[] generate(PoseFrames pose, PoseTargetConfig cfg) {
        int h = (int) (pose.height() * cfg.scaling() + 0.5);
        int w = (int) (pose.width() * cfg.scaling() + 0.5);
        int c = cfg.channels(pose.joints());
        int t = pose.frames();
        float[] kps = pose.coords().clone();
        for (int i = 0; i < kps.length; i++) {
            kps[i] *= (float) cfg.scaling(); // all_kps[..., :2] *= scaling (float32 in place)
        }
        float[] ret = new float[t * c * h * w];
        for (int i = 0; i < t; i++) {
            for (int ch = 0; ch < c; ch++) {
                int plane = (i * c + ch) * h * w;
                for (int m = 0; m < pose.persons(); m++) {
                    if (cfg.maps() == PoseTargetConfig.Maps.KEYPOINTS) {
                        int p = pose.point(m, i, ch);
                        heatmap(ret, plane, h, w, cfg.sigma(), kps[2 * p], kps[2 * p + 1], value(pose, cfg, p));
                    } else {
                        int a = pose.point(m, i, cfg.skeleton()[ch][0]);
                        int b = pose.point(m, i, cfg.skeleton()[ch][1]);
                        limb(ret, plane, h, w, cfg.sigma(), kps[2 * a], kps[2 * a + 1], kps[2 * b], kps[2 * b + 1],
                                value(pose, cfg, a), value(pose, cfg, b));
                    }
                }
            }
        }
        if (!cfg.doubled()) {
            return ret;
        }
        int[] indices = cfg.flipSources(c);
        float[] both = new float[2 * ret.length];
        System.arraycopy(ret, 0, both, 0, ret.length);
        for (int i = 0; i < t; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        both[ret.length + ((i * c + ch) * h + y) * w + x] = ret[((i * c + indices[ch]) * h + y) * w + (w - 1 - x)];
                    }
                }
            }
        }
        return both;
    }

    private static float value(PoseFrames pose, PoseTargetConfig cfg, int p) {
        return pose.scores() == null || !cfg.useScore() ? 1f : pose.scores()[p];
    }

    private static void heatmap(float[] arr, int plane, int h, int w, double sigma, float muX, float muY, float maxValue) {
        if ((double) maxValue < 1e-3) {
            return;
        }
        long stX = Math.max((long) (muX - 3 * sigma), 0);
        long edX = Math.min((long) (muX + 3 * sigma) + 1, w);
        long stY = Math.max((long) (muY - 3 * sigma), 0);
        long edY = Math.min((long) (muY + 3 * sigma) + 1, h);
        for (long y = stY; y < edY; y++) {
            for (long x = stX; x < edX; x++) {
                float dx = (float) x - muX;
                float dy = (float) y - muY;
                float e = -(dx * dx + dy * dy) / 2 / (float) (sigma * sigma);
                float patch = Float32Exp.exp(e) * maxValue;
                int at = plane + (int) (y * w + x);
                arr[at] = Math.max(arr[at], patch);
            }
        }
    }

    private static void limb(float[] arr, int plane, int h, int w, double sigma, float sx, float sy, float ex, float ey,
            float startValue, float endValue) {
        float valueCoeff = Math.min(startValue, endValue);
        if ((double) valueCoeff < 1e-3) {
            return;
        }
        long minX = Math.max((long) (Math.min(sx, ex) - 3 * sigma), 0);
        long maxX = Math.min((long) (Math.max(sx, ex) + 3 * sigma) + 1, w);
        long minY = Math.max((long) (Math.min(sy, ey) - 3 * sigma), 0);
        long maxY = Math.min((long) (Math.max(sy, ey) + 3 * sigma) + 1, h);
        if (minX >= maxX || minY >= maxY) {
            return;
        }
        double d2ab = Math.pow((double) (sx - ex), 2) + Math.pow((double) (sy - ey), 2);
        if (d2ab < 1) {
            heatmap(arr, plane, h, w, sigma, sx, sy, startValue);
            return;
        }
        for (long y = minY; y < maxY; y++) {
            for (long x = minX; x < maxX; x++) {
                float d2Start = ((float) x - sx) * ((float) x - sx) + ((float) y - sy) * ((float) y - sy);
                float d2End = ((float) x - ex) * ((float) x - ex) + ((float) y - ey) * ((float) y - ey);
                float coeff = (d2Start - d2End + (float) d2ab) / 2f / (float) d2ab;
                boolean aDominate = coeff <= 0;
                boolean bDominate = coeff >= 1;
                long segDominate = 1 - (aDominate ? 1 : 0) - (bDominate ? 1 : 0); // int64
                float projX = sx + coeff * (ex - sx);
                float projY = sy + coeff * (ey - sy);
                float lx = (float) x - projX;
                float ly = (float) y - projY;
                float d2Line = lx * lx + ly * ly;
                double d2Seg = (double) ((aDominate ? 1f : 0f) * d2Start + (bDominate ? 1f : 0f) * d2End) + segDominate * (double) d2Line;
                double patch = Math.exp(-d2Seg / 2. / Math.pow(sigma, 2)) * valueCoeff;
                int at = plane + (int) (y * w + x);
                arr[at] = (float) Math.max(arr[at], patch);
            }
        }
    }
}
