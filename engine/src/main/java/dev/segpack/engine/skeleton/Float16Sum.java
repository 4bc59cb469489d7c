package dev.segpack.engine.skeleton;

/**
 * {@code np.add.reduce} over a run of float16 values as numpy computes it: the values widened to
 * float32 and added by numpy's pairwise summation (eight interleaved partial sums below 128 values,
 * halves split at a multiple of 8 above), added to the identity +0 and rounded to float16 once.
 */
final class Float16Sum {

    /** numpy's {@code PW_BLOCKSIZE}. */
    private static final int BLOCK = 128;

    private Float16Sum() {
    }

    /** The float16 sum (returned widened) of {@code n} float16 values starting at {@code from}. */
    static float sum(short[] halves, int from, int n) {
        float total = 0f + pairwise(halves, from, n);
        return Float.float16ToFloat(Float.floatToFloat16(total));
    }

    private static float pairwise(short[] a, int from, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += Float.float16ToFloat(a[from + i]);
            }
            return res;
        }
        if (n <= BLOCK) {
            float[] r = new float[8];
            for (int j = 0; j < 8; j++) {
                r[j] = Float.float16ToFloat(a[from + j]);
            }
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += Float.float16ToFloat(a[from + i + j]);
                }
            }
            float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += Float.float16ToFloat(a[from + i]);
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
