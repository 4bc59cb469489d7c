package dev.segpack.engine.rle;

import dev.segpack.engine.simd.Kernels;
import java.util.Arrays;

/**
 * A mask as the sorted intervals [start, end) of its foreground pixels (column-major positions),
 * with its area and box: the form in which IoU is computed. Two masks intersect only inside the
 * columns both boxes span, so a pair's intersection walks just the intervals there, a foreground
 * interval of each at a time, instead of every run of both masks as rleIou does; the numbers are the
 * same (union = area(a) + area(b) − intersection). Masks with a few intervals per column meet column by
 * column, in layers, through {@link Kernels#columnOverlap}.
 */
public final class Foreground {

    private final int h;
    private final int w;
    private final long[] starts;
    private final long[] ends;
    private final long area;
    private final Bbox bbox;
    /**
     * The mask's column intervals in layers: layer j holds the rows [start, end) of the j-th interval
     * of each column of the box (start == end == 0 where a column has fewer). Intervals in a column
     * are disjoint, so two masks share Σ over layer pairs of their column-wise overlaps, each a vector
     * kernel call. Null for masks with more than {@link #MAX_LAYERS} intervals in a column (noise),
     * which take the interval walk.
     */
    private final int[][] layerStart;
    private final int[][] layerEnd;

    private static final int MAX_LAYERS = 4;

    private Foreground(int h, int w, long[] starts, long[] ends, long area, Bbox bbox) {
        this.h = h;
        this.w = w;
        this.starts = starts;
        this.ends = ends;
        this.area = area;
        this.bbox = bbox;
        int[][][] layers = layers(starts, ends, h, (long) bbox.x(), (int) bbox.w());
        this.layerStart = layers == null ? null : layers[0];
        this.layerEnd = layers == null ? null : layers[1];
    }

    /** {starts, ends}[layer][column of the box], or null if a column holds more than MAX_LAYERS intervals. */
    private static int[][][] layers(long[] starts, long[] ends, int h, long x0, int width) {
        if (width == 0) {
            return null;
        }
        int[] perColumn = new int[width];
        int layers = 0;
        for (int i = 0; i < starts.length; i++) {
            for (long s = starts[i]; s < ends[i]; s = (s / h + 1) * h) {
                int k = (int) (s / h - x0);
                layers = Math.max(layers, ++perColumn[k]);
            }
        }
        if (layers > MAX_LAYERS) {
            return null;
        }
        int[][] layerStart = new int[layers][width];
        int[][] layerEnd = new int[layers][width];
        Arrays.fill(perColumn, 0);
        for (int i = 0; i < starts.length; i++) {
            long s = starts[i];
            while (s < ends[i]) {
                long x = s / h;
                long columnEnd = Math.min(ends[i], (x + 1) * h);
                int k = (int) (x - x0);
                int layer = perColumn[k]++;
                layerStart[layer][k] = (int) (s - x * h);
                layerEnd[layer][k] = (int) (columnEnd - x * h);
                s = columnEnd;
            }
        }
        return new int[][][] {layerStart, layerEnd};
    }

    public static Foreground of(Rle rle) {
        return of(rle.h(), rle.w(), rle.countsView(), rle.runs());
    }

    /** The foreground of valid counts {@code counts[0..m)} of an h×w mask. */
    public static Foreground of(int h, int w, int[] counts, int m) {
        int n = m / 2;
        long[] starts = new long[n];
        long[] ends = new long[n];
        int k = 0;
        long at = 0, area = 0;
        for (int j = 0; j + 1 < m; j += 2) {
            at += Integer.toUnsignedLong(counts[j]);
            long run = Integer.toUnsignedLong(counts[j + 1]);
            if (run > 0) {
                starts[k] = at;
                ends[k++] = at + run;
                area += run;
            }
            at += run;
        }
        return new Foreground(h, w, Arrays.copyOf(starts, k), Arrays.copyOf(ends, k), area,
                MaskApi.toBbox(counts, m, h));
    }

    public long area() {
        return area;
    }

    public Bbox bbox() {
        return bbox;
    }

    /**
     * One row of rleIou's matrix: {@code row} holds the box IoUs of {@code dt} against every ground
     * truth (bbIou); each positive one becomes the masks' IoU. Rows are independent, so callers may
     * fill them on any threads.
     */
    public static void maskIouRow(double[] row, Foreground dt, Foreground[] gt, boolean[] iscrowd) {
        for (int g = 0; g < gt.length; g++) {
            if (row[g] > 0) {
                row[g] = iou(dt, gt[g], iscrowd != null && iscrowd[g]);
            }
        }
    }

    /** bbIou of the boxes of every pair: the matrix {@link #maskIouRow} refines. */
    public static double[][] boxIou(Foreground[] dt, Foreground[] gt, boolean[] iscrowd) {
        return MaskApi.bbIou(Arrays.stream(dt).map(Foreground::bbox).toList(),
                Arrays.stream(gt).map(Foreground::bbox).toList(), iscrowd);
    }

    /**
     * rleIou of one pair whose boxes overlap: −1 for masks of different sizes, 0 without common
     * pixels, else intersection / union, or intersection / area(dt) for a crowd ground truth.
     */
    static double iou(Foreground dt, Foreground gt, boolean crowd) {
        if (dt.h != gt.h || dt.w != gt.w) {
            return -1;
        }
        long firstColumn = (long) Math.max(dt.bbox.x(), gt.bbox.x());
        long endColumn = (long) Math.min(dt.bbox.x() + dt.bbox.w(), gt.bbox.x() + gt.bbox.w());
        long i;
        if (dt.layerStart != null && gt.layerStart != null) {
            i = 0;
            if (endColumn > firstColumn) {
                int dtFrom = (int) (firstColumn - (long) dt.bbox.x());
                int gtFrom = (int) (firstColumn - (long) gt.bbox.x());
                int n = (int) (endColumn - firstColumn);
                for (int p = 0; p < dt.layerStart.length; p++) {
                    for (int q = 0; q < gt.layerStart.length; q++) {
                        i += Kernels.columnOverlap(dt.layerStart[p], dt.layerEnd[p], dtFrom,
                                gt.layerStart[q], gt.layerEnd[q], gtFrom, n);
                    }
                }
            }
        } else {
            i = intersection(dt, gt, firstColumn * dt.h, endColumn * dt.h);
        }
        if (i == 0) {
            return 0;
        }
        long u = crowd ? dt.area : dt.area + gt.area - i;
        return (double) i / (double) u;
    }

    /** Common foreground pixels of a and b at positions in [lo, hi), where all of them lie. */
    private static long intersection(Foreground a, Foreground b, long lo, long hi) {
        int i = firstEndingAfter(a.ends, lo);
        int j = firstEndingAfter(b.ends, lo);
        long[] as = a.starts, ae = a.ends, bs = b.starts, be = b.ends;
        long common = 0;
        while (i < as.length && j < bs.length) {
            long s = Math.max(as[i], bs[j]);
            if (s >= hi) {
                break;
            }
            long e = Math.min(ae[i], be[j]);
            if (e > s) {
                common += e - s;
            }
            if (ae[i] < be[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** The first interval whose end is after {@code position}. */
    private static int firstEndingAfter(long[] ends, long position) {
        int lo = 0, hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
