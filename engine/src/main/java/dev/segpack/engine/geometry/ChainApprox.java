package dev.segpack.engine.geometry;

/** Which border pixels {@link Contours#find} keeps, as OpenCV's {@code CHAIN_APPROX_*}. */
public enum ChainApprox {
    /** Every border pixel ({@code CHAIN_APPROX_NONE}). */
    NONE,
    /** Only the pixels where the chain changes direction ({@code CHAIN_APPROX_SIMPLE}). */
    SIMPLE,
    /** Teh–Chin dominant points with the 1-curvature ({@code CHAIN_APPROX_TC89_L1}). */
    TC89_L1,
    /** Teh–Chin dominant points with the k-cosine curvature ({@code CHAIN_APPROX_TC89_KCOS}). */
    TC89_KCOS
}
