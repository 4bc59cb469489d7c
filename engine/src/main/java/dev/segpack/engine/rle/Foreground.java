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

    private Foreground(int h, int w, long[] starts, long[] ends, long area, Bbox bbox, int layers) {
        this.h = h;
        this.w = w;
        this.starts = starts;
        this.ends = ends;
        this.area = area;
        this.bbox = bbox;
        if (layers > MAX_LAYERS || bbox.w() == 0) {
            this.layerStart = null;
            this.layerEnd = null;
        } else {
            this.layerStart = new int[layers][(int) bbox.w()];
            this.layerEnd = new int[layers][(int) bbox.w()];
            fillLayers((long) bbox.x());
        }
    }

    /**
     * Spreads the intervals over the layers, column by column of the box from x0. The intervals of a
     * column follow one another in position order, so an interval's layer in a column is one more than
     * the previous interval's there, or 0 when the previous one ended in an earlier column.
     */
    private void fillLayers(long x0) {
        ColumnCursor columns = new ColumnCursor(h);
        long lastColumn = -1;
        int layer = 0;
        for (int i = 0; i < starts.length; i++) {
            long s = starts[i];
            long x = columns.of(s);
            layer = x == lastColumn ? layer + 1 : 0;
            while (true) {
                long columnStart = x * h;
                long columnEnd = Math.min(ends[i], columnStart + h);
                int k = (int) (x - x0);
                layerStart[layer][k] = (int) (s - columnStart);
                layerEnd[layer][k] = (int) (columnEnd - columnStart);
                lastColumn = x;
                if (columnEnd == ends[i]) {
                    break;
                }
                s = columnEnd;
                x++;
                layer = 0;
            }
        }
    }

    public static Foreground of(Rle rle) {
        return of(rle.h(), rle.w(), rle.countsView(), rle.runs());
    }

    /**
     * The foreground of valid counts {@code counts[0..m)} of an h×w mask, in one pass over them: the
     * intervals, the area, rleToBbox's box (the same numbers as {@link MaskApi#toBbox}) and the most
     * intervals a column holds.
     */
    public static Foreground of(int h, int w, int[] counts, int m) {
        int n = m / 2;
        long[] starts = new long[n];
        long[] ends = new long[n];
        int k = 0;
        long at = 0, area = 0;
        ColumnCursor columns = new ColumnCursor(h);
        long xs = -1, xe = -1, ys = Long.MAX_VALUE, ye = -1;
        // intervals in one column are consecutive: count those touching the last column seen
        long lastColumn = -1;
        int inColumn = 0, layers = 0;
        for (int j = 0; j + 1 < m; j += 2) {
            at += Integer.toUnsignedLong(counts[j]);
            long run = Integer.toUnsignedLong(counts[j + 1]);
            if (run > 0) {
                starts[k] = at;
                ends[k++] = at + run;
                area += run;
                long x0 = columns.of(at);
                long y0 = at - x0 * h;
                long x1 = columns.of(at + run - 1);
                if (xs < 0) {
                    xs = x0;
                }
                xe = x1;
                if (x0 != x1) {
                    ys = 0;
                    ye = h - 1;
                } else {
                    ys = Math.min(ys, y0);
                    ye = Math.max(ye, y0 + run - 1);
                }
                inColumn = x0 == lastColumn ? inColumn + 1 : 1;
                layers = Math.max(layers, inColumn);
                if (x1 != x0) {
                    inColumn = 1;
                }
                lastColumn = x1;
            }
            at += run;
        }
        Bbox bbox = xe < 0 ? Bbox.EMPTY : new Bbox(xs, ys, xe - xs + 1, ye - ys + 1);
        return new Foreground(h, w, Arrays.copyOf(starts, k), Arrays.copyOf(ends, k), area, bbox, layers);
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
