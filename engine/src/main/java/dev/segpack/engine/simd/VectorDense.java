package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.BYTES;
import static dev.segpack.engine.simd.VectorBits.LANES;
import static dev.segpack.engine.simd.VectorBits.load;
import static dev.segpack.engine.simd.VectorBits.msbFirst;
import static dev.segpack.engine.simd.VectorBits.store;

import dev.segpack.engine.mask.LabelMap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise dense kernels with the Vector API. Each loops over whole vectors and finishes with
 * one masked vector for the remainder.
 */
final class VectorDense {

    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private VectorDense() {
    }

    /**
     * Byte lanes carry the running maximum and its plane index (at most 255 planes). No vector
     * crosses a method boundary here: a vector returned from a method C2 did not inline is boxed.
     */
    static void argmax(MemorySegment[] planes, LabelMap out) {
        long n = out.pixels();
        long p = 0;
        for (; p <= n - LANES; p += LANES) {
            argmaxAt(planes, p, null, out, n);
        }
        if (p < n) {
            argmaxAt(planes, p, BYTES.indexInRange(p, n), out, n);
        }
    }

    private static void argmaxAt(MemorySegment[] planes, long p, VectorMask<Byte> valid, LabelMap out, long n) {
        ByteVector best = ByteVector.zero(BYTES);
        ByteVector index = best;
        for (int k = 0; k < planes.length; k++) {
            ByteVector v = load(planes[k], p, valid);
            VectorMask<Byte> greater = v.compare(VectorOperators.UGT, best); // strict: the first maximum stays
            best = best.blend(v, greater);
            index = index.blend((byte) (k + 1), greater);
        }
        MemorySegment data = out.data();
        switch (out.type()) {
            case UINT8 -> store(index, data, p, valid);
            case UINT16 -> {
                for (int part = 0; part < LANES / SHORTS.length(); part++) {
                    long at = p + (long) part * SHORTS.length();
                    ShortVector v = (ShortVector) index.convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, part);
                    if (at + SHORTS.length() <= n) {
                        v.intoMemorySegment(data, at * 2, ByteOrder.LITTLE_ENDIAN);
                    } else {
                        v.intoMemorySegment(data, at * 2, ByteOrder.LITTLE_ENDIAN, SHORTS.indexInRange(at, n));
                    }
                }
            }
            case INT32 -> {
                for (int part = 0; part < LANES / INTS.length(); part++) {
                    long at = p + (long) part * INTS.length();
                    IntVector v = (IntVector) index.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, part);
                    if (at + INTS.length() <= n) {
                        v.intoMemorySegment(data, at * 4, ByteOrder.LITTLE_ENDIAN);
                    } else {
                        v.intoMemorySegment(data, at * 4, ByteOrder.LITTLE_ENDIAN, INTS.indexInRange(at, n));
                    }
                }
            }
        }
    }

    /** Rows of whole bytes (cols a multiple of 8) are packed as one long row. */
    static void packBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        if (cols % 8 == 0) {
            packRow(in, 0, rows * cols, out, 0);
            return;
        }
        long rowBytes = KernelArgs.packedRowBytes(cols);
        for (long r = 0; r < rows; r++) {
            packRow(in, r * cols, cols, out, r * rowBytes);
        }
    }

    private static void packRow(MemorySegment in, long from, long count, MemorySegment out, long to) {
        long i = 0;
        for (; i + 64 <= count; i += 64) {
            out.set(LONG_LE, to + i / 8, msbFirst(VectorBits.nonzero64(in, from + i)));
        }
        if (i < count) {
            int rest = (int) (count - i);
            long bits = msbFirst(VectorBits.nonzero(in, from + i, rest));
            for (int b = 0; b < (rest + 7) / 8; b++) {
                out.set(ValueLayout.JAVA_BYTE, to + i / 8 + b, (byte) (bits >>> 8 * b));
            }
        }
    }

    static void unpackBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        if (cols % 8 == 0) {
            unpackRow(in, 0, rows * cols, out, 0);
            return;
        }
        long rowBytes = KernelArgs.packedRowBytes(cols);
        for (long r = 0; r < rows; r++) {
            unpackRow(in, r * rowBytes, cols, out, r * cols);
        }
    }

    private static void unpackRow(MemorySegment in, long from, long count, MemorySegment out, long to) {
        long i = 0;
        for (; i + 64 <= count; i += 64) {
            VectorBits.store(msbFirst(in.get(LONG_LE, from + i / 8)), out, to + i, 64);
        }
        if (i < count) {
            int rest = (int) (count - i);
            long word = 0;
            for (int b = 0; b < (rest + 7) / 8; b++) {
                word |= Byte.toUnsignedLong(in.get(ValueLayout.JAVA_BYTE, from + i / 8 + b)) << 8 * b;
            }
            VectorBits.store(msbFirst(word), out, to + i, rest);
        }
    }

    static void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        if (threshold < 0 || threshold >= 255) {
            out.asSlice(0, n).fill((byte) (threshold < 0 ? 1 : 0));
            return;
        }
        long p = 0;
        for (; p <= n - LANES; p += LANES) {
            thresholdAt(gray, p, (byte) threshold, out, null);
        }
        if (p < n) {
            thresholdAt(gray, p, (byte) threshold, out, BYTES.indexInRange(p, n));
        }
    }

    private static void thresholdAt(MemorySegment gray, long p, byte threshold, MemorySegment out,
            VectorMask<Byte> valid) {
        VectorMask<Byte> above = load(gray, p, valid).compare(VectorOperators.UGT, threshold);
        store(ByteVector.zero(BYTES).blend((byte) 1, above), out, p, valid);
    }

    static long countNonzero(MemorySegment data, long n) {
        long count = 0;
        long p = 0;
        for (; p <= n - LANES; p += LANES) {
            count += load(data, p, null).compare(VectorOperators.NE, (byte) 0).trueCount();
        }
        if (p < n) {
            count += load(data, p, BYTES.indexInRange(p, n)).compare(VectorOperators.NE, (byte) 0).trueCount();
        }
        return count;
    }

    static void packPose(MemorySegment index, MemorySegment crowd, MemorySegment unannotated, long n,
            MemorySegment out) {
        long p = 0;
        for (; p <= n - LANES; p += LANES) {
            packPoseAt(index, crowd, unannotated, p, out, null);
        }
        if (p < n) {
            packPoseAt(index, crowd, unannotated, p, out, BYTES.indexInRange(p, n));
        }
    }

    private static void packPoseAt(MemorySegment index, MemorySegment crowd, MemorySegment unannotated, long p,
            MemorySegment out, VectorMask<Byte> valid) {
        ByteVector packed = load(index, p, valid).and((byte) 0x3F)
                .lanewise(VectorOperators.OR, (byte) 0x40, load(crowd, p, valid).compare(VectorOperators.NE, (byte) 0))
                .lanewise(VectorOperators.OR, (byte) 0x80,
                        load(unannotated, p, valid).compare(VectorOperators.NE, (byte) 0));
        store(packed, out, p, valid);
    }
}
