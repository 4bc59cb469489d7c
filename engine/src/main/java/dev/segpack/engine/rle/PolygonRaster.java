package dev.segpack.engine.rle;

import dev.segpack.engine.mask.Mask;
import java.util.Arrays;

/**
 * The integer polygon rasteriser of pycocotools' rleFrPoly. Coordinates are scaled by 5 and
 * rounded with C truncation; every edge is walked by a DDA along its major axis; each step of the
 * walk that crosses a pixel-centre column (scaled x = 5k+2 → 5k+3) marks where a vertical run flips;
 * the sorted flip positions become the runs. The result is an even-odd fill of pixel centres against
 * the quantised boundary, which a geometric fill does not reproduce, so this follows the integer steps.
 *
 * <p>Shortcuts keep it exact and fast. A step between DDA points a and a+1 of an edge crosses at
 * scaled x = min(u_a, u_a+1) whichever way the edge runs, and the edges' shared joints never cross
 * inside the image, so each edge is handled alone; only the steps that cross a column 0..w-1 are
 * computed, found directly from the step's closed form, so time and memory follow the crossings inside
 * the image, not the edge's length (an edge 10^7 pixels long costs what its 40 columns cost, where
 * rleFrPoly stores every point). The flips are sorted by column buckets instead of a general sort.
 *
 * <p>Where rleFrPoly's int arithmetic overflows (a scaled coordinate or an edge's extent beyond the
 * int range, undefined behaviour in C) the polygon is refused.
 */
final class PolygonRaster {

    private static final double SCALE = 5;
    private static final ThreadLocal<Flips> SCRATCH = ThreadLocal.withInitial(Flips::new);

    private PolygonRaster() {
    }

    static Rle rasterise(double[] xy, int h, int w) {
        long pixels = Mask.checkedPixels(h, w);
        int k = xy.length / 2;
        for (int j = 0; j < 2 * k; j++) {
            if (!Double.isFinite(xy[j])) {
                throw new IllegalArgumentException("polygon coordinate " + j + " is " + xy[j]);
            }
        }
        if (k < 3 || w == 0 || h == 0) {
            return Rle.trusted(h, w, new int[] {(int) pixels});
        }
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = scaled(xy, 2 * j);
            y[j] = scaled(xy, 2 * j + 1);
        }
        x[k] = x[0];
        y[k] = y[0];
        Flips flips = SCRATCH.get();
        flips.reset(h);
        for (int j = 0; j < k; j++) {
            int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
            if (Math.max(Math.abs((long) xe - xs), Math.abs((long) ye - ys)) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("polygon edge " + j + " spans more than 2^31-1 fifths of a"
                        + " pixel, which overflows pycocotools' int arithmetic");
            }
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                int t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            if (dx >= dy) {
                xMajorEdge(flips, xs, ys, ye, dx, w);
            } else {
                yMajorEdge(flips, xs, xe, ys, dy, w);
            }
        }
        return Rle.trusted(h, w, flips.runs(pixels));
    }

    /** (int) (5·v + .5) as C computes it, refused where the C conversion is undefined (out of int range). */
    private static int scaled(double[] xy, int j) {
        double v = SCALE * xy[j] + .5;
        if (!(v > Integer.MIN_VALUE - 1.0 && v < Integer.MAX_VALUE + 1.0)) {
            throw new IllegalArgumentException("polygon coordinate " + j + " is " + xy[j] + ": beyond ±"
                    + Integer.MAX_VALUE / 5 + ", where pycocotools' int arithmetic overflows");
        }
        return (int) v;
    }

    /** Points (xs+t, v(t)) for t in 0..dx: u steps by one, so only t with xs+t ≡ 2 (mod 5) can cross. */
    private static void xMajorEdge(Flips flips, int xs, int ys, int ye, int dx, int w) {
        double s = dx == 0 ? 0 : (double) (ye - ys) / dx;
        // crossing steps a: 0 ≤ a < dx, xs+a−2 a multiple of 5, its column (xs+a−2)/5 within 0..w−1
        long lo = Math.max(0, 2L - xs);
        lo += Math.floorMod(2L - xs - lo, 5L);
        long hi = Math.min(dx - 1L, 5L * (w - 1) + 2 - xs);
        int n = hi < lo ? 0 : (int) ((hi - lo) / 5 + 1);
        flips.reserve(n);
        for (int i = 0; i < n; i++) {
            long a = lo + 5L * i;
            int va = (int) (ys + s * a + .5);
            int vb = (int) (ys + s * (a + 1) + .5);
            flips.add((int) ((xs + a - 2) / 5), Math.min(va, vb));
        }
    }

    /**
     * Points (u(t), ys+t) for t in 0..dy, u(t) = (int) (xs + s·t + .5) with |s| < 1: u moves
     * monotonically by single steps from u(0) to u(dy), so each value m it passes is passed by exactly
     * one step a (u(a) and u(a+1) are m and m+1 in some order). Only m ≡ 2 (mod 5) can cross, so those
     * steps are found directly, from an estimate corrected with the exact expression.
     */
    private static void yMajorEdge(Flips flips, int xs, int xe, int ys, int dy, int w) {
        if (xe == xs) {
            return;
        }
        double s = (double) (xe - xs) / dy;
        int u0 = u(xs, s, 0), u1 = u(xs, s, dy);
        // crossing values m: passed by the edge, m−2 a multiple of 5, its column (m−2)/5 within 0..w−1
        long last = Math.min(Math.max(u0, u1) - 1L, 5L * (w - 1) + 2);
        long first = Math.max(Math.min(u0, u1), 2L);
        first += Math.floorMod(2 - first, 5L);
        int n = last < first ? 0 : (int) ((last - first) / 5 + 1);
        flips.reserve(n);
        for (int i = 0; i < n; i++) {
            int m = (int) (first + 5L * i);
            flips.add((m - 2) / 5, ys + stepPassing(xs, s, dy, m));
        }
    }

    /** The step a in [0, dy) whose points are m and m+1. */
    private static int stepPassing(int xs, double s, int dy, int m) {
        double estimate = Math.floor((m + .5 - xs) / s);
        int a = (int) Math.max(0, Math.min(dy - 1, estimate));
        if (s > 0) {
            // the last a with u(a) <= m
            while (a + 1 < dy && u(xs, s, a + 1) <= m) {
                a++;
            }
            while (a > 0 && u(xs, s, a) > m) {
                a--;
            }
        } else {
            // the last a with u(a) >= m + 1
            while (a + 1 < dy && u(xs, s, a + 1) >= m + 1) {
                a++;
            }
            while (a > 0 && u(xs, s, a) < m + 1) {
                a--;
            }
        }
        return a;
    }

    /** The DDA's minor coordinate at step t, as rleFrPoly computes it (C truncation). */
    private static int u(int xs, double s, int t) {
        return (int) (xs + s * t + .5);
    }

    /** Flip positions as (column, scaled y) pairs, turned into sorted runs by column buckets. */
    private static final class Flips {
        private int[] cols = new int[256];
        private int[] ys = new int[256];
        private int[] bucketStart = new int[64];
        private int[] cursor = new int[64];
        private long[] sorted = new long[257]; // the flips and h·w after them
        private int[] runBuffer = new int[257]; // the runs (at most one per entry of sorted), copied out at the end
        private int count;
        private int h;
        private int minCol;
        private int maxCol;

        void reset(int h) {
            count = 0;
            this.h = h;
            minCol = Integer.MAX_VALUE;
            maxCol = -1;
        }

        /** Room for {@code more} flips (an edge's crossings inside the image: at most w). */
        void reserve(int more) {
            long needed = (long) count + more;
            if (cols.length < needed) {
                int n = Math.toIntExact(Math.max(needed, Math.min(2L * cols.length, Integer.MAX_VALUE - 8)));
                cols = Arrays.copyOf(cols, n);
                ys = Arrays.copyOf(ys, n);
                sorted = new long[n + 1];
                runBuffer = new int[n + 1];
            }
        }

        /** A crossing of column {@code col} (known to be in 0..w-1) below scaled y {@code scaledY}. */
        void add(int col, int scaledY) {
            cols[count] = col;
            ys[count++] = scaledY;
            minCol = Math.min(minCol, col);
            maxCol = Math.max(maxCol, col);
        }

        /** The runs: flips sorted by position col·h + row, h·w appended, differences, zero runs folded. */
        int[] runs(long pixels) {
            int n = count;
            if (n > 0) {
                int buckets = maxCol - minCol + 1;
                if (bucketStart.length < buckets + 1) {
                    bucketStart = new int[Math.max(buckets + 1, 2 * bucketStart.length)];
                    cursor = new int[bucketStart.length];
                }
                Arrays.fill(bucketStart, 0, buckets + 1, 0);
                for (int i = 0; i < n; i++) {
                    bucketStart[cols[i] - minCol + 1]++;
                }
                for (int b = 0; b < buckets; b++) {
                    bucketStart[b + 1] += bucketStart[b];
                }
                System.arraycopy(bucketStart, 0, cursor, 0, buckets);
                for (int i = 0; i < n; i++) {
                    int row = Math.max(0, Math.min(h, Math.ceilDiv(ys[i] - 2, 5)));
                    sorted[cursor[cols[i] - minCol]++] = (long) cols[i] * h + row;
                }
                // each column's flips in order: few in most columns (insertion), many where a
                // spiky polygon folds over itself (a general sort)
                for (int b = 0; b < buckets; b++) {
                    int from = bucketStart[b], to = cursor[b];
                    if (to - from > 16) {
                        Arrays.sort(sorted, from, to);
                    } else {
                        for (int i = from + 1; i < to; i++) {
                            long key = sorted[i];
                            int j = i;
                            while (j > from && sorted[j - 1] > key) {
                                sorted[j] = sorted[j - 1];
                                j--;
                            }
                            sorted[j] = key;
                        }
                    }
                }
            }
            sorted[n] = pixels;
            long previous = 0;
            int r = 0;
            for (int j = 0; j <= n; j++) {
                long run = sorted[j] - previous;
                previous = sorted[j];
                if (j == 0 || run > 0) {
                    runBuffer[r++] = (int) run;
                } else if (++j <= n) {
                    // a zero-length run joins its neighbours: the flip and its twin cancel out
                    runBuffer[r - 1] += (int) (sorted[j] - previous);
                    previous = sorted[j];
                }
            }
            return Arrays.copyOf(runBuffer, r);
        }
    }
}
