package dev.segpack.engine.simd;

/**
 * {@code np.exp} of a float32 value as numpy (1.2x, x86-64 with AVX2/FMA3 or AVX512F) computes it:
 * Cody-Waite reduction by a rounded multiple of ln 2, a (5,2) rational approximation, and exact
 * scaling by 2^k. It differs from the correctly rounded exp by up to 2.5 ulp, so reproducing the
 * heatmaps bit for bit needs this rather than {@link Math#exp}.
 *
 * <p>The operation order, the constants (numpy's {@code npy_simd_data.h}) and the fused
 * multiply-adds are numpy's; GCC contracts numpy's {@code x * log2e + magic} into one fused
 * multiply-add, which decides the ties of the rounding to the nearest integer.
 */
public final class Float32Exp {

    static final float LOG2E = 1.442695040888963407359924681001892137f;
    static final float RINT_MAGIC = 0x1.8p23f;
    static final float LN2_HIGH = -6.93145752e-1f;
    static final float LN2_LOW = -1.42860677e-6f;
    static final float P0 = 9.999999999980870924916e-01f;
    static final float P1 = 7.257664613233124478488e-01f;
    static final float P2 = 2.473615434895520810817e-01f;
    static final float P3 = 5.114512081637298353406e-02f;
    static final float P4 = 6.757896990527504603057e-03f;
    static final float P5 = 5.082762527590693718096e-04f;
    static final float Q1 = -2.742335390411667452936e-01f;
    static final float Q2 = 2.159509375685829852307e-02f;
    /** At or above: +inf. */
    static final float OVERFLOW = 88.72283935546875f;
    /** At or below: 0. */
    static final float UNDERFLOW = -103.97208404541015625f;

    private Float32Exp() {
    }

    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        if (x >= OVERFLOW) {
            return Float.POSITIVE_INFINITY;
        }
        if (x <= UNDERFLOW) {
            return 0f;
        }
        float k = Math.fma(x, LOG2E, RINT_MAGIC) - RINT_MAGIC;
        float r = Math.fma(k, LN2_HIGH, x);
        r = Math.fma(k, LN2_LOW, r);
        float p = Math.fma(P5, r, P4);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P1);
        p = Math.fma(p, r, P0);
        float q = Math.fma(Q2, r, Q1);
        q = Math.fma(q, r, 1f);
        // scalb rounds once, also into the subnormal range, as vscalefps does
        return Math.scalb(p / q, (int) k);
    }
}
