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
 * rleFrPoly stores every point). An edge crosses a contiguous range of columns, once each, so a first
 * pass over the edges finds every column's number of flips, and the walk then writes each flip's row
 * straight into its column's place: only the few rows within a column are left to sort.
 *
 * <p>Where rleFrPoly's int arithmetic overflows (a scaled coordinate or an edge's extent beyond the
 * int range, undefined behaviour in C) the polygon is refused.
 */
final class PolygonRaster {

    private static final double SCALE = 5;
    private static final ThreadLocal<Flips> SCRATCH = ThreadLocal.withInitial(Flips::new);

    private PolygonRaster() {
    }

    /*
     * rasterise is called once per polygon and each of its passes loops over the vertices or the
     * crossings: the passes are methods of their own, so that the JIT compiles each small loop where
     * it gets hot, where one method of five loops was compiled on-stack up to five times over (once
     * per loop entry, ~100 ms of C2 each, on the core the converting threads need).
     */
    static Rle rasterise(double[] xy, int h, int w) {
        long pixels = Mask.checkedPixels(h, w);
        int k = xy.length / 2;
        checkFinite(xy, 2 * k);
        if (k < 3 || w == 0 || h == 0) {
            return Rle.trusted(h, w, new int[] {(int) pixels});
        }
        Flips flips = SCRATCH.get();
        flips.reset(k, h);
        int[] x = flips.x;
        int[] y = flips.y;
        scale(xy, k, x, y);
        countCrossings(flips, x, y, k, w);
        flips.placeColumns();
        walkEdges(flips, x, y, k);
        return Rle.trusted(h, w, flips.runs(pixels));
    }

    private static void checkFinite(double[] xy, int n) {
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(xy[j])) {
                throw new IllegalArgumentException("polygon coordinate " + j + " is " + xy[j]);
            }
        }
    }

    /** The k vertices scaled into x[0..k), y[0..k), the first repeated at k (the closing edge). */
    private static void scale(double[] xy, int k, int[] x, int[] y) {
        for (int j = 0; j < k; j++) {
            x[j] = scaled(xy, 2 * j);
            y[j] = scaled(xy, 2 * j + 1);
        }
        x[k] = x[0];
        y[k] = y[0];
    }

    /** The first pass: each edge's first column and number of crossings inside the image. */
    private static void countCrossings(Flips flips, int[] x, int[] y, int k, int w) {
        for (int j = 0; j < k; j++) {
            if (Math.max(Math.abs((long) x[j + 1] - x[j]), Math.abs((long) y[j + 1] - y[j])) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("polygon edge " + j + " spans more than 2^31-1 fifths of a"
                        + " pixel, which overflows pycocotools' int arithmetic");
            }
            int from = start(x, y, j);
            int xs = x[from], ys = y[from], xe = x[2 * j + 1 - from], ye = y[2 * j + 1 - from];
            int dx = xe - xs, dy = ye - ys;
            if (dx >= Math.abs(dy)) {
                // crossing steps a: 0 ≤ a < dx, xs+a−2 a multiple of 5, its column (xs+a−2)/5 within 0..w−1
                long lo = Math.max(0, 2L - xs);
                lo += Math.floorMod(2L - xs - lo, 5L);
                long hi = Math.min(dx - 1L, 5L * (w - 1) + 2 - xs);
                flips.edge(j, from, (int) ((xs + lo - 2) / 5), hi < lo ? 0 : (hi - lo) / 5 + 1);
            } else if (xe != xs) {
                // crossing values m: passed by the edge, m−2 a multiple of 5, its column (m−2)/5 within 0..w−1
                double s = (double) (xe - xs) / dy;
                int u0 = u(xs, s, 0), u1 = u(xs, s, dy);
                long last = Math.min(Math.max(u0, u1) - 1L, 5L * (w - 1) + 2);
                long first = Math.max(Math.min(u0, u1), 2L);
                first += Math.floorMod(2 - first, 5L);
                flips.edge(j, from, (int) ((first - 2) / 5), last < first ? 0 : (last - first) / 5 + 1);
            } else {
                flips.edge(j, from, 0, 0);
            }
        }
    }

    /** The second pass: each edge's crossings placed in their columns. */
    private static void walkEdges(Flips flips, int[] x, int[] y, int k) {
        for (int j = 0; j < k; j++) {
            int n = flips.crossings(j);
            if (n == 0) {
                continue;
            }
            int from = flips.start(j);
            int xs = x[from], ys = y[from], xe = x[2 * j + 1 - from], ye = y[2 * j + 1 - from];
            if (xe - xs >= Math.abs(ye - ys)) {
                xMajorEdge(flips, xs, ys, ye, xe - xs, flips.firstColumn(j), n);
            } else {
                yMajorEdge(flips, xs, xe, ys, ye - ys, flips.firstColumn(j), n);
            }
        }
    }

    /**
     * Which end of edge j (vertex j or j+1) rleFrPoly walks it from: the smaller x along an x-major
     * edge, the smaller y along a y-major one (the edge's extent is known to fit an int).
     */
    private static int start(int[] x, int[] y, int j) {
        int dx = Math.abs(x[j + 1] - x[j]);
        int dy = Math.abs(y[j + 1] - y[j]);
        boolean flip = (dx >= dy && x[j] > x[j + 1]) || (dx < dy && y[j] > y[j + 1]);
        return flip ? j + 1 : j;
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

    /**
     * Points (xs+t, v(t)) for t in 0..dx: u steps by one, so only t with xs+t ≡ 2 (mod 5) can cross,
     * one column after another from {@code column}. v is monotonic in t (each floating-point step and
     * the truncation are), so the smaller of v(a) and v(a+1) is v(a) if it rises, else v(a+1).
     */
    private static void xMajorEdge(Flips flips, int xs, int ys, int ye, int dx, int column, int n) {
        double s = dx == 0 ? 0 : (double) (ye - ys) / dx;
        long lower = (s >= 0 ? 2L : 3L) - xs + 5L * column; // a, or a+1 where v falls
        for (int i = 0; i < n; i++) {
            flips.add(column + i, (int) (ys + s * (lower + 5L * i) + .5));
        }
    }

    /**
     * Points (u(t), ys+t) for t in 0..dy, u(t) = (int) (xs + s·t + .5) with |s| < 1: u moves
     * monotonically by single steps from u(0) to u(dy), so each value m it passes is passed by exactly
     * one step a (u(a) and u(a+1) are m and m+1 in some order). Only m ≡ 2 (mod 5) can cross, one
     * column after another from {@code column}, so those steps are found directly, from an estimate
     * corrected with the exact expression.
     */
    private static void yMajorEdge(Flips flips, int xs, int xe, int ys, int dy, int column, int n) {
        double s = (double) (xe - xs) / dy;
        double stepsPerX = 1 / s;
        for (int i = 0; i < n; i++) {
            int m = 5 * (column + i) + 2;
            flips.add(column + i, ys + stepPassing(xs, s, stepsPerX, dy, m));
        }
    }

    /** The step a in [0, dy) whose points are m and m+1 ({@code stepsPerX} is 1/s, for the estimate only). */
    private static int stepPassing(int xs, double s, double stepsPerX, int dy, int m) {
        double estimate = Math.floor((m + .5 - xs) * stepsPerX);
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

    /**
     * The flips of one polygon, placed by column as the edges are walked: each edge's range of columns
     * first ({@link #edge}), then the rows ({@link #add}), then the runs.
     */
    private static final class Flips {
        /** The scaled vertices, the first repeated after the last (see {@link #scale}). */
        int[] x = new int[65];
        int[] y = new int[65];
        private int[] edgeStart = new int[64];
        private int[] edgeColumn = new int[64];
        private int[] edgeCrossings = new int[64];
        /** Per column from minColumn: while edges are added, the change in the number of edges crossing it; then where its next row goes. */
        private int[] next = new int[64];
        private int[] rows = new int[256]; // column after column
        private int[] runBuffer = new int[257]; // the runs (at most one per flip and one more), copied out at the end
        private int edges;
        private long total;
        private int h;
        private int minColumn;
        private int maxColumn;

        void reset(int edges, int h) {
            if (x.length < edges + 1) {
                x = new int[edges + 1];
                y = new int[edges + 1];
            }
            if (edgeStart.length < edges) {
                edgeStart = new int[edges];
                edgeColumn = new int[edges];
                edgeCrossings = new int[edges];
            }
            this.edges = edges;
            total = 0;
            this.h = h;
            minColumn = Integer.MAX_VALUE;
            maxColumn = -1;
        }

        /** Edge j, walked from vertex {@code start}, crosses columns {@code column}..column+crossings−1 (all in 0..w−1). */
        void edge(int j, int start, int column, long crossings) {
            edgeStart[j] = start;
            edgeColumn[j] = column;
            edgeCrossings[j] = (int) crossings; // at most w
            if (crossings > 0) {
                total += crossings;
                minColumn = Math.min(minColumn, column);
                maxColumn = (int) Math.max(maxColumn, column + crossings - 1);
            }
        }

        int start(int j) {
            return edgeStart[j];
        }

        int firstColumn(int j) {
            return edgeColumn[j];
        }

        int crossings(int j) {
            return edgeCrossings[j];
        }

        /** Every column's place in {@code rows}, from the edges' column ranges (a difference array summed). */
        void placeColumns() {
            if (rows.length < total) {
                int n = Math.toIntExact(Math.max(total, Math.min(2L * rows.length, Integer.MAX_VALUE - 8)));
                rows = new int[n];
                runBuffer = new int[n + 1];
            }
            if (total == 0) {
                return;
            }
            int columns = maxColumn - minColumn + 1;
            if (next.length < columns + 1) {
                next = new int[Math.max(columns + 1, 2 * next.length)];
            }
            Arrays.fill(next, 0, columns + 1, 0);
            for (int j = 0; j < edges; j++) {
                if (edgeCrossings[j] > 0) {
                    next[edgeColumn[j] - minColumn]++;
                    next[edgeColumn[j] - minColumn + edgeCrossings[j]]--;
                }
            }
            int crossing = 0;
            int at = 0;
            for (int c = 0; c < columns; c++) {
                crossing += next[c];
                next[c] = at;
                at += crossing;
            }
        }

        /** A crossing of column {@code column} below scaled y {@code scaledY}: its row, ⌈(y−2)/5⌉ within 0..h. */
        void add(int column, int scaledY) {
            // (y−3)/5+1 for y > 2: y−2 would wrap around for y near Integer.MIN_VALUE
            int row = scaledY <= 2 ? 0 : Math.min(h, (scaledY - 3) / 5 + 1);
            rows[next[column - minColumn]++] = row;
        }

        /**
         * The runs: each column's rows sorted, their positions column·h + row in order, each the end of
         * a run. Two flips at one position cancel, so a run of length 0 takes back the one before it
         * (row h of a column is row 0 of the next); a flip at h·w, the end, changes nothing.
         */
        int[] runs(long pixels) {
            long previous = 0;
            int r = 0;
            int from = 0;
            long base = (long) minColumn * h;
            for (int c = 0; total > 0 && c <= maxColumn - minColumn; c++, base += h) {
                int to = next[c];
                if (to - from == 2) {
                    // most columns: in at one edge, out at another, two new runs (ordered without a
                    // branch to mispredict); the loop below takes flips that cancel or end the mask
                    int a = rows[from], b = rows[from + 1];
                    long top = base + Math.min(a, b), bottom = base + Math.max(a, b);
                    if (top > previous && bottom > top && bottom < pixels) {
                        runBuffer[r] = (int) (top - previous);
                        runBuffer[r + 1] = (int) (bottom - top);
                        r += 2;
                        previous = bottom;
                        from = to;
                        continue;
                    }
                }
                sortRows(from, to);
                for (int i = from; i < to; i++) {
                    long position = base + rows[i];
                    if (r > 0 && position == previous) {
                        previous -= runBuffer[--r];
                    } else if (position < pixels) {
                        runBuffer[r++] = (int) (position - previous);
                        previous = position;
                    }
                }
                from = to;
            }
            runBuffer[r++] = (int) (pixels - previous);
            return Arrays.copyOf(runBuffer, r);
        }

        /** A few rows in most columns (insertion), many where a spiky polygon folds over itself (a general sort). */
        private void sortRows(int from, int to) {
            if (to - from > 16) {
                Arrays.sort(rows, from, to);
                return;
            }
            for (int i = from + 1; i < to; i++) {
                int key = rows[i];
                int j = i;
                while (j > from && rows[j - 1] > key) {
                    rows[j] = rows[j - 1];
                    j--;
                }
                rows[j] = key;
            }
        }
    }
}
