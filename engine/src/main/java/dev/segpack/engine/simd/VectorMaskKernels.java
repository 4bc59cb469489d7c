package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorShape;

/**
 * The kernels with the Vector API (jdk.incubator.vector), on vectors of {@link #bitSize()} bits.
 * Loading this class needs the incubator module; {@link Kernels} only does so after checking that
 * the module is there. A few shapes outside the vector paths' design (masks taller than 65536 rows
 * decoded row-major, very large pose images, the wide pose encoding when painting) run the scalar
 * loops.
 */
final class VectorMaskKernels implements MaskKernels {

    private static final ScalarMaskKernels SCALAR = new ScalarMaskKernels();

    /** Width in bits of the vectors this JVM prefers on this CPU. */
    static int preferredBitSize() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /** Width in bits of the vectors these kernels use: the preferred one unless -Dsegpack.simd.bits asks for less. */
    static int bitSize() {
        return VectorBits.SHAPE.vectorBitSize();
    }

    VectorMaskKernels() {
        if (bitSize() < 128) {
            throw new UnsupportedOperationException("the vector size is " + bitSize()
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
            RowMajorRuns.encode(mask.data(), mask.h(), mask.w(), out, VectorBits::nonzero);
        }
    }

    @Override
    public void decode(int[] counts, int m, Mask out) {
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
        return LabelRunScan.encode(labels, VectorLabels::changes64);
    }

    @Override
    public void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        VectorDense.threshold(gray, n, threshold, out);
    }

    @Override
    public long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n) {
        return VectorColumns.overlap(aStart, aEnd, aFrom, bStart, bEnd, bFrom, n);
    }

    @Override
    public void fill(MemorySegment data, long from, long count, int bytes, int value) {
        VectorDense.fill(data, from, count, bytes, value);
    }

    @Override
    public long countNonzero(MemorySegment data, long n) {
        return VectorDense.countNonzero(data, n);
    }

    @Override
    public void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, PoseEncoding encoding,
            MemorySegment out) {
        if (encoding == PoseEncoding.WIDE || !VectorPose.fits(instances.length, h)) {
            ScalarMaskKernels.paintPoseRuns(instances, crowd, unannotated, h, w, encoding, out);
        } else {
            VectorPose.paint(instances, crowd, unannotated, h, w, out);
        }
    }

    @Override
    public void interleavePose(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored) {
        VectorPoseImage.interleave(bgr, pose, pixels, encoding, stored);
    }

    @Override
    public void unpackPose(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        VectorPoseImage.unpack(stored, pixels, encoding, bgr, index, crowd, unannotated);
    }

    @Override
    public void binarize(MemorySegment data, long offset, byte[] out, int outOffset, int n) {
        VectorDense.binarize(data, offset, out, outOffset, n);
    }

    @Override
    public int firstDifferent(byte[] data, int from, int to, byte value) {
        return VectorDense.firstDifferent(data, from, to, value);
    }

    @Override
    public void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared,
            float value) {
        VectorHeatmapRows.keypointRow(plane, row, columns, x0, x1, dy2, sigmaSquared, value);
    }

    @Override
    public void limbRow(float[] plane, int row, int x0, int x1, HeatmapLimb limb, float y, float toStartY,
            float toEndY) {
        VectorHeatmapRows.limbRow(plane, row, x0, x1, limb, y, toStartY, toEndY);
    }
}
