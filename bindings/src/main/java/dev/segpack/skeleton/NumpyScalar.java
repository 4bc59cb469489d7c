package dev.segpack.skeleton;

import dev.segpack.npy.NpyDtype;

/**
 * A numpy scalar ({@code np.float32(0.5)}, {@code np.int64(3)}): its value as a Java number or
 * boolean (uint64 as its signed bits) and its dtype, kept so that it is written back as the same scalar.
 */
public record NumpyScalar(NpyDtype dtype, Object value) {
}
