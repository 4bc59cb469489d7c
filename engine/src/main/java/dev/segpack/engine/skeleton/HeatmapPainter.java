package dev.segpack.engine.skeleton;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Draws the planes of {@code GeneratePoseTarget} into the output, one thread's worth: each plane
 * is zeroed, then every person's Gaussian is max-combined into it, pixel by pixel and only inside
 * the person's window. The per-pixel arithmetic is numpy's, operation by operation and in the
 * same precision (float32 arrays; float64 where numpy's promotions lead: its scalar arithmetic and
 * the limb distances), with numpy's float32 exp, so the planes are bit-identical to the original's. Holds small per-thread scratch.
 */
final class HeatmapPainter {

    /** Scores below this draw nothing (compared in float64, as numpy compares a float32 scalar with 1e-3). */
    private static final double EPS = 1e-3;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final PoseFrames pose;
    private final PoseTargetConfig config;
    private final MemorySegment out;
    private final int height;
    private final int width;
    private final long planeBytes;
    /** {@code 3 * sigma} in float64, the window's half width. */
    private final double reach;
    /** {@code sigma ** 2} as numpy divides a float32 array by it: rounded to float32. */
    private final float sigmaSquared;
    /** {@code sigma ** 2} as numpy divides a float64 array by it (Python's square is the rounded product). */
    private final double sigmaSquared64;
    private final float scaling;
    /** Per column / per row squared distances of the current window. */
    private final float[] columnsA;
    private final float[] columnsB;
    private final float[] rowsA;
    private final float[] rowsB;

    HeatmapPainter(PoseFrames pose, PoseTargetConfig config, MemorySegment out, int height, int width) {
        this.pose = pose;
        this.config = config;
        this.out = out;
        this.height = height;
        this.width = width;
        this.planeBytes = (long) height * width * Float.BYTES;
        this.reach = 3 * config.sigma();
        this.sigmaSquared64 = config.sigma() * config.sigma();
        this.sigmaSquared = (float) sigmaSquared64;
        this.scaling = (float) config.scaling();
        this.columnsA = new float[width];
        this.columnsB = new float[width];
        this.rowsA = new float[height];
        this.rowsB = new float[height];
    }

    /** Draws channel {@code channel} of frame {@code frame} into the plane at byte offset {@code base}. */
    void drawPlane(int frame, int channel, long base) {
        out.asSlice(base, planeBytes).fill((byte) 0);
        for (int person = 0; person < pose.persons(); person++) {
            if (config.maps() == PoseTargetConfig.Maps.KEYPOINTS) {
                int point = pose.point(person, frame, channel);
                keypoint(base, point, x(point), y(point), value(point));
            } else {
                int[] limb = config.skeleton()[channel];
                limb(base, pose.point(person, frame, limb[0]), pose.point(person, frame, limb[1]));
            }
        }
    }

    /** Writes the flipped copy of the plane at {@code source}: columns reversed, at {@code target}. */
    void flipPlane(long source, long target) {
        for (int row = 0; row < height; row++) {
            long from = source + (long) row * width * Float.BYTES;
            long to = target + ((long) row * width + width - 1) * Float.BYTES;
            for (int col = 0; col < width; col++) {
                out.set(F32, to - (long) col * Float.BYTES, out.get(F32, from + (long) col * Float.BYTES));
            }
        }
    }

    private float x(int point) {
        return pose.coords()[2 * point] * scaling;
    }

    private float y(int point) {
        return pose.coords()[2 * point + 1] * scaling;
    }

    private float value(int point) {
        return config.useScore() && pose.scores() != null ? pose.scores()[point] : 1f;
    }

    /** {@code generate_a_heatmap} for one person. */
    private void keypoint(long base, int point, float muX, float muY, float value) {
        if ((double) value < EPS) {
            return;
        }
        requireFinite(point, muX, muY);
        int x0 = windowStart(muX);
        int x1 = windowEnd(muX, width);
        int y0 = windowStart(muY);
        int y1 = windowEnd(muY, height);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        for (int x = x0; x < x1; x++) {
            float d = x - muX;
            columnsA[x] = d * d;
        }
        for (int y = y0; y < y1; y++) {
            float d = y - muY;
            rowsA[y] = d * d;
        }
        for (int y = y0; y < y1; y++) {
            float dy2 = rowsA[y];
            long row = base + (long) y * width * Float.BYTES;
            for (int x = x0; x < x1; x++) {
                float exponent = -(columnsA[x] + dy2) / 2f / sigmaSquared;
                maxInto(row + (long) x * Float.BYTES, Float32Exp.exp(exponent) * value);
            }
        }
    }

    /** {@code generate_a_limb_heatmap} for one person's limb from joint point a to joint point b. */
    private void limb(long base, int a, int b) {
        float startValue = value(a);
        float endValue = value(b);
        float value = endValue < startValue ? endValue : startValue; // Python's min(start, end)
        if ((double) value < EPS) {
            return;
        }
        float ax = x(a);
        float ay = y(a);
        float bx = x(b);
        float by = y(b);
        requireFinite(a, ax, ay);
        requireFinite(b, bx, by);
        int x0 = windowStart(bx < ax ? bx : ax);
        int x1 = windowEnd(bx > ax ? bx : ax, width);
        int y0 = windowStart(by < ay ? by : ay);
        int y1 = windowEnd(by > ay ? by : ay, height);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        // numpy squares the float32 scalar differences in float64
        double abX = ax - bx;
        double abY = ay - by;
        double lengthSquared = abX * abX + abY * abY;
        if (lengthSquared < 1) {
            keypoint(base, a, ax, ay, startValue);
            return;
        }
        float ab = (float) lengthSquared;
        float dirX = bx - ax;
        float dirY = by - ay;
        for (int x = x0; x < x1; x++) {
            float da = x - ax;
            float db = x - bx;
            columnsA[x] = da * da;
            columnsB[x] = db * db;
        }
        for (int y = y0; y < y1; y++) {
            float da = y - ay;
            float db = y - by;
            rowsA[y] = da * da;
            rowsB[y] = db * db;
        }
        for (int y = y0; y < y1; y++) {
            long row = base + (long) y * width * Float.BYTES;
            for (int x = x0; x < x1; x++) {
                float toStart = columnsA[x] + rowsA[y];
                float toEnd = columnsB[x] + rowsB[y];
                float coeff = (toStart - toEnd + ab) / 2f / ab;
                // numpy sums mask * distance over the three cases (products with 0 keep NaN and inf as
                // there); the segment mask is 1 - bool - bool, an int64 array, which promotes the sum,
                // the exp and the product with the score to float64, rounded to float32 when stored
                float startWeight = coeff <= 0 ? 1f : 0f;
                float endWeight = coeff >= 1 ? 1f : 0f;
                double lineWeight = coeff <= 0 || coeff >= 1 ? 0 : 1;
                float lineX = x - (ax + coeff * dirX);
                float lineY = y - (ay + coeff * dirY);
                float toLine = lineX * lineX + lineY * lineY;
                double d2 = (startWeight * toStart + endWeight * toEnd) + lineWeight * toLine;
                maxInto(row + (long) x * Float.BYTES, (float) (Math.exp(-d2 / 2. / sigmaSquared64) * value));
            }
        }
    }

    /** {@code np.maximum}, which keeps a NaN from either side as Math.max does. */
    private void maxInto(long at, float patch) {
        out.set(F32, at, Math.max(out.get(F32, at), patch));
    }

    /** {@code max(int(mu - 3 * sigma), 0)}. */
    private int windowStart(float mu) {
        return (int) Math.max(truncate(mu - reach), 0);
    }

    /** {@code min(int(mu + 3 * sigma) + 1, size)}. */
    private int windowEnd(float mu, int size) {
        return (int) Math.min(truncate(mu + reach) + 1, size);
    }

    /** Python's {@code int()} of a finite float, kept in double so that huge coordinates cannot overflow. */
    private static double truncate(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Python's {@code int()} raises on NaN and infinity. */
    private void requireFinite(int point, float x, float y) {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            int joint = point % pose.joints();
            int frame = point / pose.joints() % pose.frames();
            int person = point / pose.joints() / pose.frames();
            throw new IllegalArgumentException("keypoint of person " + person + ", frame " + frame + ", joint " + joint
                    + " is (" + x + ", " + y + "): a heatmap needs finite coordinates (PoseCompact turns NaN into 0)");
        }
    }
}
