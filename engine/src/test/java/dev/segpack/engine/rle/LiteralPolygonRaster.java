package dev.segpack.engine.rle;

import dev.segpack.engine.mask.Mask;
import java.util.Arrays;

/**
 * A step-by-step transcription of pycocotools' rleFrPoly (every DDA point stored, every pair checked
 * with doubles, a general sort), kept as the oracle for the optimised {@link PolygonRaster}.
 * The integer polygon rasteriser of pycocotools' rleFrPoly. Coordinates are scaled by 5 and
 * rounded with C truncation; every edge is walked by a DDA along its major axis; each crossing of a
 * pixel-centre column (scaled x = 5k+2 → 5k+3) marks where a vertical run flips; the sorted flip
 * positions become the runs. The result is an even-odd fill of pixel centres against the
 * quantised boundary, which a geometric fill does not reproduce, so this follows the integer steps.
 */
final class LiteralPolygonRaster {

    private static final double SCALE = 5;
    /** More boundary points than this (a polygon billions of pixels long) is refused, not allocated. */
    private static final long MAX_BOUNDARY_POINTS = 1L << 28;

    private LiteralPolygonRaster() {
    }

    static Rle rasterise(double[] xy, int h, int w) {
        long pixels = Mask.checkedPixels(h, w);
        int k = xy.length / 2;
        for (int j = 0; j < 2 * k; j++) {
            if (!Double.isFinite(xy[j])) {
                throw new IllegalArgumentException("polygon coordinate " + j + " is " + xy[j]);
            }
        }
        if (k < 3) {
            return Rle.trusted(h, w, new int[] {(int) pixels});
        }
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = (int) (SCALE * xy[2 * j] + .5);
            y[j] = (int) (SCALE * xy[2 * j + 1] + .5);
        }
        x[k] = x[0];
        y[k] = y[0];

        long points = 0;
        for (int j = 0; j < k; j++) {
            points += Math.max(Math.abs((long) x[j] - x[j + 1]), Math.abs((long) y[j] - y[j + 1])) + 1;
        }
        if (points > MAX_BOUNDARY_POINTS) {
            throw new IllegalArgumentException("polygon boundary of " + points + " points (at 1/5 pixel) is too long");
        }
        int[] u = new int[(int) points];
        int[] v = new int[(int) points];
        int m = 0;
        for (int j = 0; j < k; j++) {
            int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
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
                double s = dx == 0 ? 0 : (double) (ye - ys) / dx;
                for (int d = 0; d <= dx; d++) {
                    int t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = (int) (ys + s * t + .5);
                    m++;
                }
            } else {
                double s = (double) (xe - xs) / dy;
                for (int d = 0; d <= dy; d++) {
                    int t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = (int) (xs + s * t + .5);
                    m++;
                }
            }
        }

        long[] flips = new long[m + 1];
        int f = 0;
        for (int j = 1; j < m; j++) {
            if (u[j] == u[j - 1]) {
                continue;
            }
            double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
            xd = (xd + .5) / SCALE - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
                continue;
            }
            double yd = Math.min(v[j], v[j - 1]);
            yd = (yd + .5) / SCALE - .5;
            if (yd < 0) {
                yd = 0;
            } else if (yd > h) {
                yd = h;
            }
            yd = Math.ceil(yd);
            flips[f++] = (long) xd * h + (long) yd;
        }
        flips[f++] = pixels;
        Arrays.sort(flips, 0, f);

        int[] runs = new int[f];
        long previous = 0;
        int r = 0;
        for (int j = 0; j < f; j++) {
            long run = flips[j] - previous;
            previous = flips[j];
            if (j == 0 || run > 0) {
                runs[r++] = (int) run;
            } else if (++j < f) {
                // a zero-length run joins its neighbours: the flip and its twin cancel out
                runs[r - 1] += (int) (flips[j] - previous);
                previous = flips[j];
            }
        }
        return Rle.trusted(h, w, Arrays.copyOf(runs, r));
    }
}
