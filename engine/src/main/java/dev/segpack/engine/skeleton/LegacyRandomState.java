package dev.segpack.engine.skeleton;

/**
 * The draws of numpy's legacy {@code np.random.RandomState} that PYSKL's test-mode sampling makes,
 * on the MT19937 generator. {@code RandomState(seed)} with an integer seed initialises the state
 * with MT19937's {@code init_genrand} (not {@code init_by_array}); {@code rand()} takes 53 bits
 * from two 32-bit outputs; {@code randint} and {@code shuffle} draw bounded integers by masked
 * rejection on 32-bit outputs. Not thread-safe: one instance per sampling, as numpy's seeding is.
 */
final class LegacyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] state = new int[N];
    private int position;

    /** {@code RandomState(seed)}: seed in [0, 2^32). */
    LegacyRandomState(long seed) {
        checkSeed(seed);
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = state[i - 1];
            state[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        position = N;
    }

    static void checkSeed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, not " + seed);
        }
    }

    /** The next raw 32-bit output (tempered). */
    int nextInt() {
        if (position >= N) {
            regenerate();
        }
        int y = state[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER) | (state[(k + 1) % N] & LOWER);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        position = 0;
    }

    /** {@code rand()}: a double in [0, 1) from 27 + 26 bits of two outputs. */
    double nextDouble() {
        long a = Integer.toUnsignedLong(nextInt()) >>> 5;
        long b = Integer.toUnsignedLong(nextInt()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * A uniform integer in [0, max] by masked rejection (legacy {@code randint}'s and
     * {@code random_interval}'s draw for ranges below 2^32): no output is consumed when max is 0.
     */
    long boundedInclusive(long max) {
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("range out of the 32-bit draw: " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = Integer.toUnsignedLong(nextInt()) & mask;
        } while (value > max);
        return value;
    }

    /** {@code randint(high)}: [0, high), high at least 1. */
    int randint(int high) {
        if (high < 1) {
            throw new IllegalArgumentException("high <= 0");
        }
        return (int) boundedInclusive(high - 1L);
    }

    /** {@code permutation(n)}: arange(n) shuffled by the legacy Fisher-Yates walk from the end. */
    int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) boundedInclusive(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
