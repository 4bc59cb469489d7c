package dev.segpack.engine.simd;

import dev.segpack.engine.mask.Mask;

/**
 * The dense-mask loops of the engine: the seam where a Vector API implementation replaces the
 * scalar one. Every implementation gives identical results; {@link Kernels#provider()} picks one.
 */
public interface MaskKernels {

    /** A short name for logs and benchmark output. */
    String name();

    /**
     * Replaces the content of {@code out} with the column-major runs of {@code mask} (nonzero is
     * foreground), starting with a possibly empty run of zeros. An empty mask gives one run of 0.
     */
    void encode(Mask mask, RunLengths out);

    /**
     * Writes the mask that {@code counts[0..m)} describe into {@code out} (any order), as 0/1 bytes.
     * The counts add up to exactly {@code out.pixels()}.
     */
    void decode(int[] counts, int m, Mask out);
}
