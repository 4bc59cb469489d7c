package dev.segpack.engine.simd;

/**
 * Per-thread working arrays of the kernels, grown on demand and kept, so that a kernel call in a
 * steady state allocates nothing. A kernel takes what it needs at entry and must not call another
 * kernel that uses the same array while it holds it.
 */
final class KernelScratch {

    private static final ThreadLocal<KernelScratch> CURRENT = ThreadLocal.withInitial(KernelScratch::new);

    private long[] words = new long[0];
    private ColumnBuckets buckets;
    private ColumnBuckets[] stripBuckets = new ColumnBuckets[0];

    static KernelScratch get() {
        return CURRENT.get();
    }

    /** At least {@code n} longs, content undefined. */
    long[] words(int n) {
        if (words.length < n) {
            words = new long[n];
        }
        return words;
    }

    /** Empty column buckets for each of {@code strips} strips of 64 columns. */
    ColumnBuckets[] stripBuckets(int strips) {
        if (stripBuckets.length < strips) {
            ColumnBuckets[] grown = java.util.Arrays.copyOf(stripBuckets, strips);
            for (int s = stripBuckets.length; s < strips; s++) {
                grown[s] = new ColumnBuckets();
            }
            stripBuckets = grown;
        }
        for (int s = 0; s < strips; s++) {
            stripBuckets[s].clear();
        }
        return stripBuckets;
    }

    /** Empty column buckets. */
    ColumnBuckets buckets() {
        if (buckets == null) {
            buckets = new ColumnBuckets();
        }
        buckets.clear();
        return buckets;
    }
}
