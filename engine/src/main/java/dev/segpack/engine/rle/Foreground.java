package dev.segpack.engine.rle;

import dev.segpack.engine.simd.Kernels;
import java.util.Arrays;

/**
 * A mask in the form in which IoU is computed, with its area and box. Two masks intersect only inside
 * the columns both boxes span, so a pair's intersection looks at just those columns instead of every
 * run of both masks as rleIou does; the numbers are the same (union = area(a) + area(b) −
 * intersection). A mask with a few foreground intervals per column is held column by column, in
 * layers, and two such masks meet through {@link Kernels#columnOverlap}; a mask with more (noise) is
 * held as the sorted intervals [start, end) of its foreground pixels (column-major positions), which
 * the other mask's intervals or layers are walked against.
 */
public final class Foreground {

    private final int h;
    private final int w;
    private final long area;
    private final Bbox bbox;
    /**
     * The layered form: layer j holds the rows [start, end) of the j-th interval of each column of the
     * box (start == end == 0 where a column has fewer). Intervals in a column are disjoint, so two
     * masks share Σ over layer pairs of their column-wise overlaps, each a vector kernel call. Null in
     * the interval form.
     */
    private final int[][] layerStart;
    private final int[][] layerEnd;
    /** The interval form, for masks with more than {@link #MAX_LAYERS} intervals in a column or none at all; else null. */
    private final long[] starts;
    private final long[] ends;

    private static final int MAX_LAYERS = 4;

    private Foreground(int h, int w, long area, Bbox bbox, int[][] layerStart, int[][] layerEnd, long[] starts,
            long[] ends) {
        this.h = h;
        this.w = w;
        this.area = area;
        this.bbox = bbox;
        this.layerStart = layerStart;
        this.layerEnd = layerEnd;
        this.starts = starts;
        this.ends = ends;
    }

    public static Foreground of(Rle rle) {
        return of(rle.h(), rle.w(), rle.countsView(), rle.runs());
    }

    /**
     * The foreground of valid counts {@code counts[0..m)} of an h×w mask (not kept: the caller may
     * reuse the array). A first, light pass finds where the foreground starts and ends, so the box's
     * columns; the second fills the layers (allocating a layer when a column first has that many
     * intervals) and finds the area and rleToBbox's rows (the same box as {@link MaskApi#toBbox}). A
     * column with more than {@link #MAX_LAYERS} intervals turns the mask to the interval form.
     */
    public static Foreground of(int h, int w, int[] counts, int m) {
        long at = 0, first = -1, last = -1;
        for (int j = 0; j + 1 < m; j += 2) {
            at += Integer.toUnsignedLong(counts[j]);
            long run = Integer.toUnsignedLong(counts[j + 1]);
            if (run > 0) {
                first = first < 0 ? at : first;
                last = at + run;
            }
            at += run;
        }
        if (first < 0) {
            return new Foreground(h, w, 0, Bbox.EMPTY, null, null, new long[0], new long[0]);
        }
        long x0 = first / h;
        int width = (int) ((last - 1) / h - x0 + 1);
        int[][] layerStart = new int[MAX_LAYERS][], layerEnd = new int[MAX_LAYERS][];
        ColumnCursor columns = new ColumnCursor(h);
        long area = 0, ys = Long.MAX_VALUE, ye = -1, lastColumn = -1;
        int layer = 0, layers = 0;
        at = 0;
        for (int j = 0; j + 1 < m; j += 2) {
            at += Integer.toUnsignedLong(counts[j]);
            long run = Integer.toUnsignedLong(counts[j + 1]);
            if (run > 0) {
                long s = at, end = at + run;
                long x = columns.of(s);
                // the intervals of a column follow one another: one more layer than the previous
                // interval's there, or layer 0 when the previous one ended in an earlier column
                layer = x == lastColumn ? layer + 1 : 0;
                if (layer == MAX_LAYERS) {
                    return intervals(h, w, counts, m);
                }
                if (layer == layers) {
                    layerStart[layer] = new int[width];
                    layerEnd[layer] = new int[width];
                    layers++;
                }
                area += run;
                long y0 = s - x * h;
                if (y0 + run > h) {
                    ys = 0;
                    ye = h - 1;
                } else {
                    ys = Math.min(ys, y0);
                    ye = Math.max(ye, y0 + run - 1);
                }
                while (true) {
                    long columnStart = x * h;
                    long columnEnd = Math.min(end, columnStart + h);
                    int k = (int) (x - x0);
                    layerStart[layer][k] = (int) (s - columnStart);
                    layerEnd[layer][k] = (int) (columnEnd - columnStart);
                    lastColumn = x;
                    if (columnEnd == end) {
                        break;
                    }
                    s = columnEnd;
                    x++;
                    layer = 0;
                }
            }
            at += run;
        }
        return new Foreground(h, w, area, new Bbox(x0, ys, width, ye - ys + 1), Arrays.copyOf(layerStart, layers),
                Arrays.copyOf(layerEnd, layers), null, null);
    }

    /** The interval form of a mask with more than {@link #MAX_LAYERS} intervals in a column. */
    private static Foreground intervals(int h, int w, int[] counts, int m) {
        int n = 0;
        for (int j = 1; j < m; j += 2) {
            n += counts[j] != 0 ? 1 : 0;
        }
        long[] starts = new long[n], ends = new long[n];
        long at = 0, area = 0;
        int k = 0;
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
        return new Foreground(h, w, area, MaskApi.toBbox(counts, m, h), null, null, starts, ends);
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
        if (endColumn <= firstColumn) {
            i = 0;
        } else if (dt.layerStart != null && gt.layerStart != null) {
            i = layerIntersection(dt, gt, firstColumn, endColumn);
        } else if (dt.layerStart != null) {
            i = intervalLayerIntersection(gt, dt, firstColumn, endColumn);
        } else if (gt.layerStart != null) {
            i = intervalLayerIntersection(dt, gt, firstColumn, endColumn);
        } else {
            i = intervalIntersection(dt, gt, firstColumn * dt.h, endColumn * dt.h);
        }
        if (i == 0) {
            return 0;
        }
        long u = crowd ? dt.area : dt.area + gt.area - i;
        return (double) i / (double) u;
    }

    /** Common foreground pixels of two layered masks in the columns [firstColumn, endColumn), where all of them lie. */
    private static long layerIntersection(Foreground a, Foreground b, long firstColumn, long endColumn) {
        int aFrom = (int) (firstColumn - (long) a.bbox.x());
        int bFrom = (int) (firstColumn - (long) b.bbox.x());
        int n = (int) (endColumn - firstColumn);
        long common = 0;
        for (int p = 0; p < a.layerStart.length; p++) {
            for (int q = 0; q < b.layerStart.length; q++) {
                common += Kernels.columnOverlap(a.layerStart[p], a.layerEnd[p], aFrom, b.layerStart[q], b.layerEnd[q],
                        bFrom, n);
            }
        }
        return common;
    }

    /**
     * Common foreground pixels of a mask in interval form and a layered one in the columns
     * [firstColumn, endColumn), where all of them lie: each interval there, cut at column borders,
     * against the layered mask's intervals of that column.
     */
    private static long intervalLayerIntersection(Foreground intervals, Foreground layered, long firstColumn,
            long endColumn) {
        long h = layered.h, lo = firstColumn * h, hi = endColumn * h, x0 = (long) layered.bbox.x();
        long[] starts = intervals.starts, ends = intervals.ends;
        long common = 0;
        for (int i = firstEndingAfter(ends, lo); i < starts.length && starts[i] < hi; i++) {
            long s = Math.max(starts[i], lo), e = Math.min(ends[i], hi);
            for (long x = s / h; s < e; x++) {
                long columnStart = x * h;
                long columnEnd = Math.min(e, columnStart + h);
                int k = (int) (x - x0), from = (int) (s - columnStart), to = (int) (columnEnd - columnStart);
                for (int p = 0; p < layered.layerStart.length; p++) {
                    common += Math.max(0, Math.min(to, layered.layerEnd[p][k]) - Math.max(from, layered.layerStart[p][k]));
                }
                s = columnEnd;
            }
        }
        return common;
    }

    /** Common foreground pixels of two masks in interval form at positions in [lo, hi), where all of them lie. */
    private static long intervalIntersection(Foreground a, Foreground b, long lo, long hi) {
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
