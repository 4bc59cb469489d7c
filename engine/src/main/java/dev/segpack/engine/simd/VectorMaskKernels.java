package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import java.util.List;
import jdk.incubator.vector.VectorShape;

/**
 * The kernels with the Vector API (jdk.incubator.vector), on the platform's preferred vector size.
 * Loading this class needs the incubator module; {@link Kernels} only does so after checking that
 * the module is there. A few shapes outside the vector paths' design (more than 255 argmax planes,
 * masks taller than 65536 rows decoded row-major, very large pose images, the wide pose encoding)
 * run the scalar loops.
 */
public final class VectorMaskKernels implements MaskKernels {

    private static final ScalarMaskKernels SCALAR = new ScalarMaskKernels();

    /** Width in bits of the vectors this JVM prefers on this CPU. */
    public static int preferredBitSize() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    public VectorMaskKernels() {
        if (preferredBitSize() < 128) {
            throw new UnsupportedOperationException("the preferred vector size is " + preferredBitSize()
                    + " bits; the vector kernels need at least 128");
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void encode(Mask mask, RunLengths out) {
        if (mask.order() == Order.COLUMN_MAJOR) {
            VectorRuns.encodeColumnMajor(mask.data(), mask.pixels(), out);
        } else {
            VectorRuns.encodeRowMajor(mask.data(), mask.h(), mask.w(), out);
        }
    }

    @Override
    public void decode(int[] counts, int m, Mask out) {
        KernelArgs.checkSum(counts, m, out.pixels(), "the decoded mask");
        if (out.order() == Order.COLUMN_MAJOR) {
            VectorRuns.decodeColumnMajor(counts, m, out.data(), out.pixels());
        } else if (out.h() <= VectorRuns.MAX_STRIP_ROWS) {
            VectorRuns.decodeRowMajor(counts, m, out.data(), out.h(), out.w());
        } else {
            SCALAR.decode(counts, m, out);
        }
    }

    @Override
    public LabelRuns encodeLabels(LabelMap labels) {
        return VectorLabels.encode(labels);
    }

    @Override
    public void argmax(List<Mask> planes, LabelMap out) {
        MemorySegment[] data = KernelArgs.checkArgmax(planes, out);
        if (data.length > 255) {
            SCALAR.argmax(planes, out); // byte lanes cannot hold the index
        } else {
            VectorDense.argmax(data, out);
        }
    }

    @Override
    public void packBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        KernelArgs.checkPack(in, out, rows, cols);
        VectorDense.packBits(in, rows, cols, out);
    }

    @Override
    public void unpackBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        KernelArgs.checkPack(out, in, rows, cols);
        VectorDense.unpackBits(in, rows, cols, out);
    }

    @Override
    public void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        KernelArgs.requireBytes(gray, n, "the gray image");
        KernelArgs.requireBytes(out, n, "the thresholded mask");
        VectorDense.threshold(gray, n, threshold, out);
    }

    @Override
    public long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n) {
        return VectorColumns.overlap(aStart, aEnd, aFrom, bStart, bEnd, bFrom, n);
    }

    @Override
    public long countNonzero(MemorySegment data, long n) {
        KernelArgs.requireBytes(data, n, "the mask");
        return VectorDense.countNonzero(data, n);
    }

    @Override
    public void packPose(MemorySegment index, MemorySegment crowd, MemorySegment unannotated, long n,
            MemorySegment out) {
        KernelArgs.requireBytes(index, n, "the index map");
        KernelArgs.requireBytes(crowd, n, "the crowd mask");
        KernelArgs.requireBytes(unannotated, n, "the unannotated mask");
        KernelArgs.requireBytes(out, n, "the packed pose image");
        VectorDense.packPose(index, crowd, unannotated, n, out);
    }

    @Override
    public void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, boolean wide,
            MemorySegment out) {
        KernelArgs.checkPaintPose(instances, crowd, unannotated, h, w, wide, out);
        if (wide || !VectorPose.fits(instances.length, h)) {
            ScalarMaskKernels.paintPoseRuns(instances, crowd, unannotated, h, w, wide, out);
        } else {
            VectorPose.paint(instances, crowd, unannotated, h, w, out);
        }
    }
}
