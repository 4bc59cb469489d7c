package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import java.lang.foreign.MemorySegment;

/**
 * The seam where the Vector API implementation replaces the scalar one. Each method is the
 * {@link Kernels} method of the same name (documented there), called after {@link Kernels} has
 * checked its arguments: implementations trust them and check nothing.
 */
interface MaskKernels {

    String name();

    void encode(Mask mask, RunLengths out);

    void decode(int[] counts, int m, Mask out);

    LabelRuns encodeLabels(LabelMap labels);

    void threshold(MemorySegment gray, long n, int threshold, MemorySegment out);

    long countNonzero(MemorySegment data, long n);

    void fill(MemorySegment data, long from, long count, int bytes, int value);

    long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n);

    void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, PoseEncoding encoding,
            MemorySegment out);

    void interleavePose(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored);

    void unpackPose(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated);

    void binarize(MemorySegment data, long offset, byte[] out, int outOffset, int n);

    int firstDifferent(byte[] data, int from, int to, byte value);

    void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared, float value);

    void limbRow(float[] plane, int row, int x0, int x1, HeatmapLimb limb, float y, float toStartY, float toEndY);
}
