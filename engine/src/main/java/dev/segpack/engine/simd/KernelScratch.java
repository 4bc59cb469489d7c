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

    /** Empty column buckets. */
    ColumnBuckets buckets() {
        if (buckets == null) {
            buckets = new ColumnBuckets();
        }
        buckets.clear();
        return buckets;
    }
}
