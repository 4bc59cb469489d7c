package dev.segpack.image;

/**
 * The Adler-32 checksum (RFC 1950) of a byte stream given as single bytes and runs of a repeated pattern of up to
 * 4 bytes, each run in constant time: for n copies of the pattern q<sub>0</sub>..q<sub>k-1</sub> (L = nk bytes), A
 * grows by the bytes' sum and B by L·A plus Σ (L − i)·d<sub>i</sub>, which for byte q<sub>j</sub> sums to
 * q<sub>j</sub>·(k·n(n+1)/2 − n·j).
 */
final class RunAdler32 {

    private static final int MOD = 65521;
    /** Runs shorter than this take {@link #updateShortRun}. */
    private static final long SHORT_RUN = 1 << 16;

    private long a = 1;
    private long b;

    void reset() {
        a = 1;
        b = 0;
    }

    void update(int value) {
        a = (a + (value & 0xFF)) % MOD;
        b = (b + a) % MOD;
    }

    /** {@code n} copies of the {@code k} bytes of {@code pattern}, the first in its low 8 bits. */
    void updateRun(int pattern, int k, long n) {
        if (n < SHORT_RUN) {
            updateShortRun(pattern, k, n);
            return;
        }
        if (pattern == 0) { // zeros: only B grows, by L·A
            b = (b + (n * k) % MOD * a) % MOD;
            return;
        }
        long nMod = n % MOD;
        long triangle = (n % 2 == 0 ? (n / 2) % MOD * ((n + 1) % MOD) : nMod * (((n + 1) / 2) % MOD)) % MOD;
        long sum = 0;
        long weighted = 0;
        for (int j = 0; j < k; j++) {
            long q = (pattern >>> (8 * j)) & 0xFF;
            sum += q;
            weighted += q * ((k * triangle - nMod * j) % MOD + MOD) % MOD;
        }
        long length = (nMod * k) % MOD;
        b = (b + length * a + weighted) % MOD;
        a = (a + nMod * (sum % MOD)) % MOD;
    }

    /**
     * A run as {@link #updateRun}, for n below {@value #SHORT_RUN} (every run of an image row): no term can
     * overflow (k·n(n+1)/2·255·4 &lt; 2^43, L·A &lt; 2^34), so the sums are reduced once at the end.
     */
    private void updateShortRun(int pattern, int k, long n) {
        long triangle = k * (n * (n + 1) / 2);
        long sum = 0;
        long weighted = 0;
        for (int j = 0; j < k; j++) {
            long q = (pattern >>> (8 * j)) & 0xFF;
            sum += q;
            weighted += q * (triangle - n * j);
        }
        b = (b + n * k * a + weighted) % MOD;
        a = (a + n * sum) % MOD;
    }

    int value() {
        return (int) (b << 16 | a);
    }
}
