package dev.segpack.engine.rle;

import java.util.Arrays;

/**
 * A mask as the sorted intervals [start, end) of its foreground pixels (column-major positions),
 * with its area and box: the form in which IoU is computed. Two masks intersect only inside the
 * columns both boxes span, so a pair's intersection walks just the intervals there, a foreground
 * interval of each at a time, instead of every run of both masks as rleIou does; the numbers are the
 * same (union = area(a) + area(b) − intersection).
 */
public final class Foreground {

    private final int h;
    private final int w;
    private final long[] starts;
    private final long[] ends;
    private final long area;
    private final Bbox bbox;

    private Foreground(int h, int w, long[] starts, long[] ends, long area, Bbox bbox) {
        this.h = h;
        this.w = w;
        this.starts = starts;
        this.ends = ends;
        this.area = area;
        this.bbox = bbox;
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
     * rleIou of one pair whose boxes overlap: −1 for masks of different sizes, 0 without common
     * pixels, else intersection / union, or intersection / area(dt) for a crowd ground truth.
     */
    public static double iou(Foreground dt, Foreground gt, boolean crowd) {
        if (dt.h != gt.h || dt.w != gt.w) {
            return -1;
        }
        long lo = (long) Math.max(dt.bbox.x(), gt.bbox.x()) * dt.h;
        long hi = (long) Math.min(dt.bbox.x() + dt.bbox.w(), gt.bbox.x() + gt.bbox.w()) * dt.h;
        long i = intersection(dt, gt, lo, hi);
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
