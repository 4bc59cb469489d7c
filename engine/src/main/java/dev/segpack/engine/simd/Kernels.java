package dev.segpack.engine.simd;

/** Chooses the kernel implementation once per JVM. */
public final class Kernels {

    private static final MaskKernels PROVIDER = new ScalarMaskKernels();

    private Kernels() {
    }

    /** The kernels every engine operation uses. */
    public static MaskKernels provider() {
        return PROVIDER;
    }
}
