package dev.segpack.engine.geometry;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * Teh–Chin dominant-point detection on a closed Freeman chain, with the exact arithmetic and
 * tie-breaking of OpenCV's CHAIN_APPROX_TC89_L1 / _KCOS (float rounding of the support-region
 * test and of the k-cosine included), so the kept points match bit for bit.
 *
 * <p>Points are indexed 0..len-1 along the chain; the candidate list is a singly linked list
 * through {@code next}, headed by slot {@code len + 1}. Slot {@code len} receives a copy of point 0
 * in the one case where the L1 clean-up moves the first point to the end. Scratch arrays are
 * reused between contours.
 */
final class TehChinApproximation {

    private static final int NIL = -1;
    /** Circular distance between two chain codes, indexed by their difference + 7. */
    private static final int[] CODE_DISTANCE = {1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1};

    private int[] px = new int[0];
    private int[] py = new int[0];
    private int[] support = new int[0];
    private int[] strength = new int[0];
    private int[] next = new int[0];

    /**
     * Appends to {@code out} (x, y interleaved) the dominant points of the closed chain
     * {@code codes[0..count)} that starts at ({@code x}, {@code y}).
     */
    void approximate(byte[] codes, int count, int x, int y, boolean kCosine, IntArrayList out) {
        if (count == 0) {
            out.add(x);
            out.add(y);
            return;
        }
        ensureCapacity(count + 2);
        int len = count;
        int head = len + 1;
        int last = head;
        int previousCode = codes[count - 1];
        for (int i = 0; i < count; i++) {
            int code = codes[i];
            int curvature = CODE_DISTANCE[code - previousCode + 7];
            if (curvature != 0) {
                next[last] = i;
                last = i;
            }
            strength[i] = curvature;
            px[i] = x;
            py[i] = y;
            x += ContourFinder.STEP_X[code];
            y += ContourFinder.STEP_Y[code];
            previousCode = code;
        }
        next[last] = NIL;
        if (next[head] == NIL) {
            throw new IllegalStateException("closed chain of " + count + " codes never turns");
        }
        measureSupport(len, head, kCosine);
        suppressNonMaxima(len, head);
        dropWeakUnitSupport(len, head);
        if (!kCosine) {
            cleanPairs(len, head);
        }
        for (int i = next[head]; i != NIL; i = next[i]) {
            out.add(px[i]);
            out.add(py[i]);
        }
    }

    /** Pass 1: the region of support of every candidate, and its k-cosine when asked for. */
    private void measureSupport(int len, int head, boolean kCosine) {
        for (int i = next[head]; i != NIL; i = next[i]) {
            int x0 = px[i];
            int y0 = py[i];
            int previousLength = 0;
            int previousDistance = 0;
            int k = 1;
            for (;; k++) {
                if (k > len) {
                    throw new IllegalStateException("support region of chain point " + i + " exceeds the chain");
                }
                int i1 = wrapDown(i - k, len);
                int i2 = wrapUp(i + k, len);
                int dx = px[i2] - px[i1];
                int dy = py[i2] - py[i1];
                int length = dx * dx + dy * dy;
                int distance = (x0 - px[i1]) * dy - (y0 - py[i1]) * dx;
                // OpenCV rounds this comparison to float and tests the sign bits; so do we.
                int sign = Float.floatToRawIntBits(
                        (float) ((double) previousDistance * length - (double) distance * previousLength));
                if (k > 1 && (previousLength >= length
                        || (previousDistance > 0 && sign <= 0) || (previousDistance < 0 && sign >= 0))) {
                    break;
                }
                previousDistance = distance;
                previousLength = length;
            }
            k--;
            support[i] = k;
            if (kCosine) {
                strength[i] = kCosine(i, k, len);
            }
        }
    }

    /** The k-cosine curvature of point i as OpenCV computes it: float bits of cos + 1.1. */
    private int kCosine(int i, int k, int len) {
        int x0 = px[i];
        int y0 = py[i];
        int best = 0;
        for (int j = k; j > 0; j--) {
            int i1 = wrapDown(i - j, len);
            int i2 = wrapUp(i + j, len);
            int dx1 = px[i1] - x0;
            int dy1 = py[i1] - y0;
            int dx2 = px[i2] - x0;
            int dy2 = py[i2] - y0;
            if ((dx1 | dy1) == 0 || (dx2 | dy2) == 0) {
                break;
            }
            double cosine = (float) ((dx1 * dx2 + dy1 * dy2) / Math.sqrt(
                    ((double) dx1 * dx1 + (double) dy1 * dy1) * ((double) dx2 * dx2 + (double) dy2 * dy2)));
            int bits = Float.floatToRawIntBits((float) (cosine + 1.1));
            if (j < k && bits <= best) {
                break;
            }
            best = bits;
        }
        return best;
    }

    /** Pass 2: a candidate stronger than nothing within half its support survives. */
    private void suppressNonMaxima(int len, int head) {
        int previous = head;
        for (int i = next[head]; i != NIL; i = next[i]) {
            int half = support[i] >> 1;
            int s = strength[i];
            int j = 1;
            for (; j <= half; j++) {
                if (strength[wrapDown(i - j, len)] > s || strength[wrapUp(i + j, len)] > s) {
                    break;
                }
            }
            if (j <= half) {
                next[previous] = next[i];
                strength[i] = 0;
            } else {
                previous = i;
            }
        }
    }

    /** Pass 3: a candidate with support 1 must be strictly stronger than both chain neighbours. */
    private void dropWeakUnitSupport(int len, int head) {
        if (next[head] == NIL) {
            throw new IllegalStateException("no dominant point survived non-maxima suppression");
        }
        int previous = head;
        for (int i = next[head]; i != NIL; i = next[i]) {
            if (support[i] == 1) {
                int s = strength[i];
                if (s <= strength[wrapDown(i - 1, len)] || s <= strength[wrapUp(i + 1, len)]) {
                    next[previous] = next[i];
                    strength[i] = 0;
                    continue;
                }
            }
            previous = i;
        }
    }

    /**
     * Pass 4 (L1 only): of every run of chain-adjacent survivors keep the ends, and of an adjacent
     * pair keep the stronger (the one with the smaller support on a tie). A run that wraps around
     * the chain start is first re-threaded so that it is one run.
     */
    private void cleanPairs(int len, int head) {
        if (strength[0] != 0 && strength[len - 1] != 0) {
            int i1 = 1;
            for (; i1 < len && strength[i1] != 0; i1++) {
                strength[i1 - 1] = 0;
            }
            if (i1 == len) {
                return; // every point survived
            }
            i1--;
            int i2 = len - 2;
            for (; i2 > 0 && strength[i2] != 0; i2--) {
                next[i2] = NIL;
                strength[i2 + 1] = 0;
            }
            i2++;
            if (i1 == 0 && i2 == len - 1) {
                // only points 0 and len-1 are adjacent across the start: move point 0 to slot len
                i1 = next[0];
                px[len] = px[0];
                py[len] = py[0];
                support[len] = support[0];
                strength[len] = strength[0];
                next[len] = NIL;
                next[len - 1] = len;
            }
            next[head] = i1;
        }
        int first = head;
        int previous = head;
        int run = 1;
        for (int i = next[head]; i != NIL; i = next[i]) {
            int following = next[i];
            if (following == NIL || following - i != 1) {
                if (run == 2) {
                    int s1 = strength[previous];
                    int s2 = strength[i];
                    if (s1 > s2 || (s1 == s2 && support[previous] <= support[i])) {
                        next[previous] = next[i];
                    } else {
                        next[first] = i;
                    }
                } else if (run > 2) {
                    next[next[first]] = i;
                }
                first = i;
                run = 1;
            } else {
                run++;
            }
            previous = i;
        }
    }

    private static int wrapDown(int i, int len) {
        return i < 0 ? i + len : i;
    }

    private static int wrapUp(int i, int len) {
        return i >= len ? i - len : i;
    }

    private void ensureCapacity(int slots) {
        if (px.length < slots) {
            int capacity = Math.max(slots, px.length * 2);
            px = new int[capacity];
            py = new int[capacity];
            support = new int[capacity];
            strength = new int[capacity];
            next = new int[capacity];
        }
    }
}
