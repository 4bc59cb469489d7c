package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The dense-mask loops of the engine: the seam where a Vector API implementation replaces the
 * scalar one. Every implementation gives identical results; {@link Kernels#provider()} picks one.
 *
 * <p>Masks are uint8 and any nonzero byte is foreground. Runs are COCO's: column-major, alternating
 * 0,1,0,… from a possibly empty run of zeros, uint32 values held in ints. Methods that take a raw
 * segment and a length read or write exactly that many bytes from offset 0.
 */
public interface MaskKernels {

    /** A short name for logs and benchmark output. */
    String name();

    /**
     * Replaces the content of {@code out} with the column-major runs of {@code mask}, read in its
     * own order (a row-major mask is not transposed into a copy). An empty mask gives one run of 0.
     */
    void encode(Mask mask, RunLengths out);

    /**
     * Writes the mask that {@code counts[0..m)} describe into {@code out} (any order), as 0/1 bytes.
     * The counts add up to exactly {@code out.pixels()}.
     */
    void decode(int[] counts, int m, Mask out);

    /**
     * One run list per nonzero label of {@code labels}, in one pass: for every value v present, the
     * runs that {@link #encode} gives for the mask {@code labels == v}. Sorted by label.
     */
    LabelRuns encodeLabels(LabelMap labels);

    /**
     * numpy's {@code argmax} over {@code [zeros] + planes} along the plane axis: per pixel the 1-based
     * index of the first plane holding the largest (unsigned) value, or 0 where every plane is 0.
     * All planes and {@code out} share size and order; {@code out} is uint8 (at most 255 planes),
     * uint16 (at most 65535) or int32.
     */
    void argmax(List<Mask> planes, LabelMap out);

    /**
     * numpy's {@code packbits(in, axis=-1)} of a [rows, cols] uint8 array: each row becomes
     * ceil(cols/8) bytes, nonzero elements are 1 bits, the first element is the most significant bit,
     * and the last byte of a row is padded with zero bits.
     */
    void packBits(MemorySegment in, long rows, int cols, MemorySegment out);

    /**
     * numpy's {@code unpackbits(in, axis=-1, count=cols)}: the inverse of {@link #packBits}, each row
     * of ceil(cols/8) bytes becomes cols bytes of 0 or 1, most significant bit first.
     */
    void unpackBits(MemorySegment in, long rows, int cols, MemorySegment out);

    /**
     * OpenCV's {@code threshold(gray, t, 1, THRESH_BINARY)} on {@code n} uint8 pixels: 1 where the
     * pixel is greater than {@code threshold}, else 0. OpenCV floors a fractional threshold first; a
     * threshold below 0 gives all ones and one of 255 or above all zeros.
     */
    void threshold(MemorySegment gray, long n, int threshold, MemorySegment out);

    /** The number of nonzero bytes among the first {@code n} of {@code data} (a dense mask's area). */
    long countNonzero(MemorySegment data, long n);

    /**
     * The pixels two masks share over {@code n} columns, each mask holding at most one foreground
     * interval [start, end) of rows per column (start == end where a column is empty): the sum over
     * columns of max(0, min(aEnd, bEnd) − max(aStart, bStart)), column k of a at {@code aFrom + k}
     * and of b at {@code bFrom + k}.
     */
    long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n);

    /**
     * The person-pose packed byte of {@code n} pixels: {@code (unannotated != 0) << 7 | (crowd != 0)
     * << 6 | (index & 63)}, which is what unpacking the index to 8 bit planes, overwriting plane 0
     * (the most significant) with the unannotated mask and plane 1 with the crowd mask, and packing
     * again gives.
     */
    void packPose(MemorySegment index, MemorySegment crowd, MemorySegment unannotated, long n, MemorySegment out);

    /**
     * The packed pose image straight from runs, into a row-major h×w {@code out}: per pixel the
     * 1-based index of the first of {@code instances} whose mask covers it (0 if none), with the
     * crowd and unannotated flags. Narrow: uint8, index in bits 0–5 (at most 63 instances), crowd bit
     * 6, unannotated bit 7. Wide: uint16 little-endian, index in bits 0–13 (at most 16383 instances),
     * crowd bit 14, unannotated bit 15. Every run list adds up to h·w.
     */
    void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, boolean wide, MemorySegment out);
}
