package dev.segpack.engine.simd;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Chooses the kernel implementation once per JVM, as Lucene's vectorization provider does: the
 * Vector API kernels when the incubator module is present and readable, the CPU's preferred vectors
 * have at least 128 bits and {@code -Dsegpack.simd=false} is not set; otherwise the scalar kernels,
 * with one log message that says why. The class that touches jdk.incubator.vector is only loaded
 * (by reflection) after those checks, so a JVM started without {@code --add-modules
 * jdk.incubator.vector} runs the scalar kernels instead of failing.
 */
public final class Kernels {

    /** System property that turns the Vector API kernels off ({@code false}); {@code true} is the default. */
    public static final String PROPERTY = "segpack.simd";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.segpack.engine.simd.VectorMaskKernels";
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final MaskKernels PROVIDER = select(System.getProperty(PROPERTY)).logged().kernels();

    private Kernels() {
    }

    /** The kernels every engine operation uses. */
    public static MaskKernels provider() {
        return PROVIDER;
    }

    /**
     * The outcome of the choice: the kernels, why they are scalar (null when they are not) and the
     * vector size in bits (0 for scalar).
     */
    record Selection(MaskKernels kernels, String fallbackReason, int vectorBits) {

        Selection logged() {
            if (fallbackReason == null) {
                LOG.log(Level.DEBUG, "segpack uses the Vector API kernels ({0}-bit vectors)", vectorBits);
            } else {
                // asked for with -Dsegpack.simd=false: informational; otherwise a setup problem
                Level level = fallbackReason.startsWith("-D" + PROPERTY + "=false") ? Level.INFO : Level.WARNING;
                LOG.log(level, "segpack uses the scalar kernels: {0}", fallbackReason);
            }
            return this;
        }
    }

    /** The choice for a given value of {@link #PROPERTY} (null when unset), made without side effects. */
    static Selection select(String property) {
        if ("false".equalsIgnoreCase(property)) {
            return scalar("-D" + PROPERTY + "=false is set");
        }
        if (property != null && !"true".equalsIgnoreCase(property)) {
            return scalar("-D" + PROPERTY + "=" + property + " is neither true nor false");
        }
        Optional<Module> module = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (module.isEmpty()) {
            return scalar("the module " + VECTOR_MODULE + " is not present (start the JVM with --add-modules "
                    + VECTOR_MODULE + ")");
        }
        if (!Kernels.class.getModule().canRead(module.get())) {
            return scalar(Kernels.class.getModule() + " cannot read the module " + VECTOR_MODULE);
        }
        try {
            Class<?> vector = Class.forName(VECTOR_KERNELS);
            int bits = (int) vector.getMethod("preferredBitSize").invoke(null);
            if (bits < 128) {
                return scalar("the preferred vector size of this CPU is " + bits + " bits, below 128");
            }
            return new Selection((MaskKernels) vector.getConstructor().newInstance(), null, bits);
        } catch (ReflectiveOperationException | LinkageError e) {
            return scalar("the Vector API kernels could not be loaded: " + e);
        }
    }

    private static Selection scalar(String reason) {
        return new Selection(new ScalarMaskKernels(), reason, 0);
    }
}
