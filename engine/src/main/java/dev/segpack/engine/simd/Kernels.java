package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's dense loops, behind one front door as Lucene's VectorUtil: each method checks its
 * arguments once and calls the implementation chosen once per JVM, as Lucene's vectorization
 * provider chooses: the Vector API kernels when the incubator module is present and readable, the
 * CPU's preferred vectors have at least 128 bits and {@code -Dsegpack.simd=false} is not set;
 * otherwise the scalar kernels, with one log message that says why. Both give identical results.
 * The class that touches jdk.incubator.vector is only loaded (by reflection) after those checks, so
 * a JVM started without {@code --add-modules jdk.incubator.vector} runs the scalar kernels instead
 * of failing.
 *
 * <p>{@code -Dsegpack.simd.bits=128|256|512} (for tests, as Lucene's {@code tests.vectorsize})
 * makes the Vector API kernels use vectors of that size, capped at the CPU's preferred size, so
 * that a machine with wide vectors also runs the narrower code paths.
 *
 * <p>Masks are uint8 and any nonzero byte is foreground. Runs are COCO's: column-major, alternating
 * 0,1,0,… from a possibly empty run of zeros, uint32 values held in ints. Methods that take a raw
 * segment and a length read or write exactly that many bytes from offset 0 unless they say
 * otherwise.
 */
public final class Kernels {

    /** System property that turns the Vector API kernels off ({@code false}); {@code true} is the default. */
    public static final String PROPERTY = "segpack.simd";
    /** System property with the vector size in bits the Vector API kernels use (see the class comment). */
    public static final String BITS_PROPERTY = "segpack.simd.bits";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.segpack.engine.simd.VectorMaskKernels";
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final MaskKernels IMPL = select(System.getProperty(PROPERTY)).logged().kernels();

    private Kernels() {
    }

    /** "vector" or "scalar": the implementation in use, for logs and benchmark output. */
    public static String name() {
        return IMPL.name();
    }

    /**
     * Replaces the content of {@code out} with the column-major runs of {@code mask}, read in its
     * own order (a row-major mask is not transposed into a copy). An empty mask gives one run of 0.
     */
    public static void encode(Mask mask, RunLengths out) {
        IMPL.encode(Objects.requireNonNull(mask, "mask"), Objects.requireNonNull(out, "out"));
    }

    /**
     * Writes the mask that {@code counts[0..m)} describe into {@code out} (any order), as 0/1 bytes.
     *
     * @throws IllegalArgumentException unless the counts add up to exactly {@code out.pixels()}
     */
    public static void decode(int[] counts, int m, Mask out) {
        KernelArgs.checkSum(counts, m, out.pixels(), "the decoded mask");
        IMPL.decode(counts, m, out);
    }

    /**
     * One run list per nonzero label of {@code labels}, in one pass: for every value v present, the
     * runs that {@link #encode} gives for the mask {@code labels == v}. Sorted by label.
     */
    public static LabelRuns encodeLabels(LabelMap labels) {
        return IMPL.encodeLabels(Objects.requireNonNull(labels, "labels"));
    }

    /**
     * OpenCV's {@code threshold(gray, t, 1, THRESH_BINARY)} on {@code n} uint8 pixels: 1 where the
     * pixel is greater than {@code threshold}, else 0. OpenCV floors a fractional threshold first; a
     * threshold below 0 gives all ones and one of 255 or above all zeros.
     */
    public static void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        KernelArgs.requireBytes(gray, n, "the gray image");
        KernelArgs.requireBytes(out, n, "the thresholded mask");
        IMPL.threshold(gray, n, threshold, out);
    }

    /**
     * Sets {@code count} values of {@code target} from flat index {@code first} on to {@code value} (its low
     * byte or two for the narrower label types): the span writes of the polygon fills.
     */
    public static void fill(LabelMap target, long first, long count, int value) {
        Objects.checkFromIndexSize(first, count, target.pixels());
        int bytes = target.type().bytes;
        IMPL.fill(target.data(), first * bytes, count, bytes, value);
    }

    /** The number of nonzero bytes among the first {@code n} of {@code data} (a dense mask's area). */
    public static long countNonzero(MemorySegment data, long n) {
        KernelArgs.requireBytes(data, n, "the mask");
        return IMPL.countNonzero(data, n);
    }

    /**
     * The pixels two masks share over {@code n} columns, each mask holding at most one foreground
     * interval [start, end) of rows per column (start == end where a column is empty): the sum over
     * columns of max(0, min(aEnd, bEnd) − max(aStart, bStart)), column k of a at {@code aFrom + k}
     * and of b at {@code bFrom + k}.
     */
    public static long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom,
            int n) {
        Objects.checkFromIndexSize(aFrom, n, Math.min(aStart.length, aEnd.length));
        Objects.checkFromIndexSize(bFrom, n, Math.min(bStart.length, bEnd.length));
        return IMPL.columnOverlap(aStart, aEnd, aFrom, bStart, bEnd, bFrom, n);
    }

    /**
     * The pose image straight from runs, into a row-major h×w {@code out} of {@code encoding}
     * values: per pixel the 1-based index of the first of {@code instances} whose mask covers it (0
     * if none), with the crowd and unannotated bits where those masks cover it.
     *
     * @throws IllegalArgumentException if there are more instances than the encoding can index, a
     *     run list does not add up to h·w, or {@code out} is too small
     */
    public static void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w,
            PoseEncoding encoding, MemorySegment out) {
        KernelArgs.checkPaintPose(instances, crowd, unannotated, h, w, encoding, out);
        IMPL.paintPose(instances, crowd, unannotated, h, w, encoding, out);
    }

    /**
     * The stored pose image: per pixel B, G, R from {@code bgr} ({@code 3 * pixels} bytes) and the
     * value from {@code pose} ({@code pixels} values), each channel as wide as the encoding's value
     * (uint16 little-endian B, G, R widened for {@link PoseEncoding#WIDE}), into {@code stored}.
     */
    public static void interleavePose(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored) {
        KernelArgs.requireBytes(bgr, Math.multiplyExact(3, pixels), "the B, G, R image");
        KernelArgs.requireBytes(pose, Math.multiplyExact(pixels, encoding.bytes), "the pose image");
        KernelArgs.requireBytes(stored, Math.multiplyExact(4 * pixels, encoding.bytes), "the stored pose image");
        IMPL.interleavePose(bgr, pose, pixels, encoding, stored);
    }

    /**
     * The inverse of {@link #interleavePose} that a data loader wants: B, G, R into {@code bgr}
     * ({@code 3 * pixels} bytes, the low byte of a wide channel), the instance index into
     * {@code index} ({@code pixels} values of the encoding's width, 0 where no instance), the crowd
     * and the unannotated bits into {@code crowd} and {@code unannotated} as 0/1 bytes.
     */
    public static void unpackPose(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        KernelArgs.requireBytes(stored, Math.multiplyExact(4 * pixels, encoding.bytes), "the stored pose image");
        KernelArgs.requireBytes(bgr, Math.multiplyExact(3, pixels), "the B, G, R image");
        KernelArgs.requireBytes(index, Math.multiplyExact(pixels, encoding.bytes), "the index map");
        KernelArgs.requireBytes(crowd, pixels, "the crowd mask");
        KernelArgs.requireBytes(unannotated, pixels, "the unannotated mask");
        IMPL.unpackPose(stored, pixels, encoding, bgr, index, crowd, unannotated);
    }

    /** {@code out[outOffset + k] = data[offset + k] != 0 ? 1 : 0} for k below {@code n}. */
    public static void binarize(MemorySegment data, long offset, byte[] out, int outOffset, int n) {
        Objects.checkFromIndexSize(offset, n, data.byteSize());
        Objects.checkFromIndexSize(outOffset, n, out.length);
        IMPL.binarize(data, offset, out, outOffset, n);
    }

    /** The first index in [from, to) whose byte differs from {@code value}, or {@code to}. */
    public static int firstDifferent(byte[] data, int from, int to, byte value) {
        Objects.checkFromToIndex(from, to, data.length);
        return IMPL.firstDifferent(data, from, to, value);
    }

    /**
     * One row of a keypoint heatmap (PYSKL's GeneratePoseTarget, in numpy's float32 arithmetic): for
     * x in [x0, x1), {@code plane[row + x] = max(plane[row + x], exp(-(columns[x] + dy2) / 2 /
     * sigmaSquared) * value)}, with numpy's float32 exp ({@link Float32Exp}).
     */
    public static void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2,
            float sigmaSquared, float value) {
        Objects.checkFromToIndex(x0, x1, columns.length);
        Objects.checkFromToIndex(row + x0, row + x1, plane.length);
        IMPL.keypointRow(plane, row, columns, x0, x1, dy2, sigmaSquared, value);
    }

    /**
     * One row, at height {@code y}, of a limb heatmap: for x in [x0, x1) the max of the plane and the
     * Gaussian of the distance to the segment {@code limb} describes (to its nearer end where the
     * projection falls outside it), computed in float64 as numpy promotes it and stored as float32.
     * {@code toStartY} and {@code toEndY} are (y - ay)^2 and (y - by)^2 in float32.
     */
    public static void limbRow(float[] plane, int row, int x0, int x1, HeatmapLimb limb, float y, float toStartY,
            float toEndY) {
        Objects.checkFromToIndex(x0, x1, Math.min(limb.xs.length, Math.min(limb.toStartX.length, limb.toEndX.length)));
        Objects.checkFromToIndex(row + x0, row + x1, plane.length);
        IMPL.limbRow(plane, row, x0, x1, limb, y, toStartY, toEndY);
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
            int preferred = (int) vector.getDeclaredMethod("preferredBitSize").invoke(null);
            if (preferred < 128) {
                return scalar("the preferred vector size of this CPU is " + preferred + " bits, below 128");
            }
            MaskKernels kernels = (MaskKernels) vector.getDeclaredConstructor().newInstance();
            return new Selection(kernels, null, (int) vector.getDeclaredMethod("bitSize").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return scalar("the Vector API kernels could not be loaded: " + rootCause(e));
        }
    }

    /** What went wrong, without the wrappers of reflection and class initialisation. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof InvocationTargetException || cause instanceof ExceptionInInitializerError)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Selection scalar(String reason) {
        return new Selection(new ScalarMaskKernels(), reason, 0);
    }
}
