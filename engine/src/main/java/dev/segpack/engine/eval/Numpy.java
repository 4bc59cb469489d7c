package dev.segpack.engine.eval;

/**
 * The few numpy operations COCOeval's numbers depend on, with numpy's exact floating-point order, so
 * that the results are the same doubles and not merely close ones.
 */
final class Numpy {

    /** np.spacing(1): the distance from 1.0 to the next double, 2⁻⁵². */
    static final double SPACING_1 = Math.ulp(1.0);

    /** numpy reduces contiguous float64 arrays in buffers of this many elements, each summed pairwise. */
    private static final int REDUCE_BUFFER = 8192;

    /** numpy's pairwise summation unrolls by 8 and recurses above this many elements. */
    private static final int PAIRWISE_BLOCK = 128;

    private Numpy() {
    }

    /**
     * np.linspace(start, stop, num) (endpoint=True): i·step + start with step = (stop − start)/(num − 1),
     * the last value set to stop exactly, as numpy computes it.
     */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** np.sum of {@code a[0..n)} as a contiguous float64 array: buffers of 8192, each summed pairwise. */
    static double sum(double[] a, int n) {
        double total = 0;
        for (int from = 0; from < n; from += REDUCE_BUFFER) {
            total += pairwise(a, from, Math.min(REDUCE_BUFFER, n - from));
        }
        return total;
    }

    /** numpy's pairwise_sum: sequential below 8, eight running sums up to 128, halves (a multiple of 8) above. */
    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                int p = from + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }

    /** np.searchsorted(a[0..n), v, side='left') on ascending values: the first index whose value is not below v. */
    static int searchLeft(double[] a, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * np.argsort(-scores, kind='mergesort') of {@code scores[from..from+n)}: positions 0..n−1 by
     * descending score, ties in their original order, NaN last; −0.0 and 0.0 are equal, as numpy compares.
     */
    static int[] descendingOrder(double[] scores, int from, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > 1) {
            mergeSort(order, new int[n], 0, n, scores, from);
        }
        return order;
    }

    private static final int INSERTION_RUN = 16;

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] s, int base) {
        if (hi - lo <= INSERTION_RUN) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i;
                while (j > lo && before(s[base + v], s[base + a[j - 1]])) {
                    a[j] = a[j - 1];
                    j--;
                }
                a[j] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, s, base);
        mergeSort(a, tmp, mid, hi, s, base);
        if (!before(s[base + a[mid]], s[base + a[mid - 1]])) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo, j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && !before(s[base + tmp[j]], s[base + tmp[i]]))) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** Whether score x sorts strictly before y in np.argsort(-scores): −x < −y, NaN after everything. */
    private static boolean before(double x, double y) {
        return x > y || (Double.isNaN(y) && !Double.isNaN(x));
    }
}
