package dev.segpack.engine.skeleton;

import dev.segpack.engine.simd.HeatmapLimb;
import dev.segpack.engine.simd.Kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Draws the planes of {@code GeneratePoseTarget}, one thread's worth. A plane is drawn in a heap
 * scratch plane that stays in L1/L2 (every person's Gaussian max-combined into it, only inside the
 * person's window, a row at a time by {@link Kernels#keypointRow}, {@link Kernels#limbRow}), copied to its place in the output, and
 * its drawn rectangle cleared again, so the output is written once and never read back. The
 * per-pixel arithmetic is numpy's, operation by operation and in the same precision (float32
 * arrays; float64 where numpy's promotions lead: its scalar arithmetic and the limb distances),
 * with numpy's float32 exp, so the planes are bit-identical to the original's.
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
    /** {@code 3 * sigma} in float64, the window's half width. */
    private final double reach;
    /** {@code sigma ** 2} as numpy divides a float32 array by it: rounded to float32. */
    private final float sigmaSquared;
    private final float scaling;
    /** The plane being drawn; all zero outside [top, bottom) x [left, right). */
    private final float[] plane;
    private int top;
    private int bottom;
    private int left;
    private int right;
    /** A plane read back for flipping. */
    private final float[] flipped;
    /** Per column / per row squared distances of the current window. */
    private final float[] columns;
    private final float[] rowsToStart;
    private final float[] rowsToEnd;
    private final HeatmapLimb limb = new HeatmapLimb();

    HeatmapPainter(PoseFrames pose, PoseTargetConfig config, MemorySegment out, int height, int width) {
        this.pose = pose;
        this.config = config;
        this.out = out;
        this.height = height;
        this.width = width;
        this.reach = 3 * config.sigma();
        // Python's sigma ** 2 is the rounded product
        this.limb.sigmaSquared = config.sigma() * config.sigma();
        this.sigmaSquared = (float) limb.sigmaSquared;
        this.scaling = (float) config.scaling();
        this.plane = new float[height * width];
        this.flipped = config.doubled() ? new float[height * width] : null;
        this.columns = new float[width];
        this.rowsToStart = new float[height];
        this.rowsToEnd = new float[height];
        this.limb.xs = new float[width];
        this.limb.toStartX = columns;
        this.limb.toEndX = new float[width];
        for (int x = 0; x < width; x++) {
            limb.xs[x] = x;
        }
        resetDrawn();
    }

    /** Draws channel {@code channel} of frame {@code frame} into the output plane at byte offset {@code base}. */
    void drawPlane(int frame, int channel, long base) {
        for (int person = 0; person < pose.persons(); person++) {
            if (config.maps() == PoseTargetConfig.Maps.KEYPOINTS) {
                int point = pose.point(person, frame, channel);
                keypoint(point, x(point), y(point), value(point));
            } else {
                int[] pair = config.skeleton()[channel];
                limb(pose.point(person, frame, pair[0]), pose.point(person, frame, pair[1]));
            }
        }
        MemorySegment.copy(plane, 0, out, F32, base, plane.length);
        for (int y = top; y < bottom; y++) {
            Arrays.fill(plane, y * width + left, y * width + right, 0f);
        }
        resetDrawn();
    }

    /** Writes the plane at byte offset {@code source} with its columns reversed at {@code target}. */
    void flipPlane(long source, long target) {
        MemorySegment.copy(out, F32, source, flipped, 0, flipped.length);
        for (int y = 0; y < height; y++) {
            for (int l = y * width, r = l + width - 1; l < r; l++, r--) {
                float t = flipped[l];
                flipped[l] = flipped[r];
                flipped[r] = t;
            }
        }
        MemorySegment.copy(flipped, 0, out, F32, target, flipped.length);
    }

    private void resetDrawn() {
        top = height;
        bottom = 0;
        left = width;
        right = 0;
    }

    private void drawn(int x0, int x1, int y0, int y1) {
        top = Math.min(top, y0);
        bottom = Math.max(bottom, y1);
        left = Math.min(left, x0);
        right = Math.max(right, x1);
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

    /** {@code generate_a_heatmap} for one person's joint. */
    private void keypoint(int point, float muX, float muY, float value) {
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
            columns[x] = d * d;
        }
        for (int y = y0; y < y1; y++) {
            float d = y - muY;
            Kernels.keypointRow(plane, y * width, columns, x0, x1, d * d, sigmaSquared, value);
        }
        drawn(x0, x1, y0, y1);
    }

    /** {@code generate_a_limb_heatmap} for one person's limb from joint point a to joint point b. */
    private void limb(int a, int b) {
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
            keypoint(a, ax, ay, startValue);
            return;
        }
        limb.ax = ax;
        limb.ay = ay;
        limb.dirX = bx - ax;
        limb.dirY = by - ay;
        limb.lengthSquared = (float) lengthSquared;
        limb.value = value;
        for (int x = x0; x < x1; x++) {
            float da = x - ax;
            float db = x - bx;
            limb.toStartX[x] = da * da;
            limb.toEndX[x] = db * db;
        }
        for (int y = y0; y < y1; y++) {
            float da = y - ay;
            float db = y - by;
            rowsToStart[y] = da * da;
            rowsToEnd[y] = db * db;
        }
        for (int y = y0; y < y1; y++) {
            Kernels.limbRow(plane, y * width, x0, x1, limb, y, rowsToStart[y], rowsToEnd[y]);
        }
        drawn(x0, x1, y0, y1);
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
