package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.BYTES;
import static dev.segpack.engine.simd.VectorBits.LANES;
import static dev.segpack.engine.simd.VectorBits.NATIVE;
import static dev.segpack.engine.simd.VectorBits.load;
import static dev.segpack.engine.simd.VectorBits.store;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise dense kernels with the Vector API. Each loops over whole vectors and finishes with
 * one masked vector for the remainder, or with the scalar loop where the remainder is in a heap
 * array.
 */
final class VectorDense {

    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorBits.SHAPE);

    private VectorDense() {
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

    /**
     * {@code value}'s low {@code bytes} bytes, little-endian, replicated into 32-bit lanes stored little-endian:
     * whole vectors from {@code from} (a multiple of {@code bytes}, so each vector starts on a value), the
     * rest with the scalar loop.
     */
    static void fill(MemorySegment data, long from, long count, int bytes, int value) {
        int lanes = switch (bytes) {
            case 1 -> (value & 0xFF) * 0x01010101;
            case 2 -> (value & 0xFFFF) * 0x00010001;
            default -> value;
        };
        IntVector pattern = IntVector.broadcast(INTS, lanes);
        long total = count * bytes, p = 0;
        for (; p <= total - LANES; p += LANES) {
            pattern.intoMemorySegment(data, from + p, ByteOrder.LITTLE_ENDIAN);
        }
        ScalarMaskKernels.fillValues(data, from + p, (total - p) / bytes, bytes, value);
    }

    static void binarize(MemorySegment data, long offset, byte[] out, int outOffset, int n) {
        int k = 0;
        for (int end = BYTES.loopBound(n); k < end; k += LANES) {
            // unsigned min(v, 1) is 1 exactly for the nonzero bytes
            ByteVector.fromMemorySegment(BYTES, data, offset + k, NATIVE)
                    .lanewise(VectorOperators.UMIN, (byte) 1)
                    .intoArray(out, outOffset + k);
        }
        ScalarMaskKernels.binarizeBytes(data, offset + k, out, outOffset + k, n - k);
    }

    /**
     * Whole vectors from {@code from} while they fit the array, even past {@code to}: reading a few
     * bytes too many is cheaper than a masked load, and the answer is capped at {@code to}.
     */
    static int firstDifferent(byte[] data, int from, int to, byte value) {
        if (from == to || data[from] != value) {
            return from; // most runs of a contour scan are short
        }
        int i = from;
        for (int limit = data.length - LANES; i <= limit; i += LANES) {
            if (i >= to) {
                return to;
            }
            int lane = ByteVector.fromArray(BYTES, data, i).compare(VectorOperators.NE, value).firstTrue();
            if (lane < LANES) {
                return Math.min(i + lane, to);
            }
        }
        while (i < to && data[i] == value) {
            i++;
        }
        return Math.min(i, to);
    }
}
