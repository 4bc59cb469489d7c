package dev.segpack.engine.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Moves between 64 bytes of a mask and a 64-bit word with one bit per byte (bit i = byte i), the
 * currency of the vector kernels: a comparison's lane mask is such a word ({@code toLong}), and a
 * word becomes a lane mask again ({@code fromLong}). Works for any species of 8 to 64 lanes.
 */
final class VectorBits {

    static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    static final int LANES = BYTES.length();
    static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorBits() {
    }

    /** Bit i is set iff byte {@code offset + i} is nonzero, for 64 bytes. */
    static long nonzero64(MemorySegment data, long offset) {
        long bits = 0;
        for (int k = 0; k < 64; k += LANES) {
            bits |= ByteVector.fromMemorySegment(BYTES, data, offset + k, NATIVE)
                    .compare(VectorOperators.NE, (byte) 0).toLong() << k;
        }
        return bits;
    }

    /** As {@link #nonzero64} for the first {@code count} (at most 64) bytes; higher bits are 0. */
    static long nonzero(MemorySegment data, long offset, int count) {
        if (count == 64) {
            return nonzero64(data, offset);
        }
        long bits = 0;
        for (int k = 0; k < count; k += LANES) {
            VectorMask<Byte> valid = BYTES.indexInRange(k, count);
            bits |= ByteVector.fromMemorySegment(BYTES, data, offset + k, NATIVE, valid)
                    .compare(VectorOperators.NE, (byte) 0).toLong() << k;
        }
        return bits;
    }

    /**
     * A vector of the bytes at {@code offset}: all lanes when {@code valid} is null (the main loops,
     * where the check folds away), else only the valid lanes (the last, partial vector; the others
     * read as 0).
     */
    static ByteVector load(MemorySegment data, long offset, VectorMask<Byte> valid) {
        return valid == null
                ? ByteVector.fromMemorySegment(BYTES, data, offset, NATIVE)
                : ByteVector.fromMemorySegment(BYTES, data, offset, NATIVE, valid);
    }

    /** Stores all lanes of {@code v}, or only the valid ones, as {@link #load} reads them. */
    static void store(ByteVector v, MemorySegment data, long offset, VectorMask<Byte> valid) {
        if (valid == null) {
            v.intoMemorySegment(data, offset, NATIVE);
        } else {
            v.intoMemorySegment(data, offset, NATIVE, valid);
        }
    }

    /**
     * Reverses the bit order inside each byte: turns bit i = element i into numpy's packed layout
     * (element 0 in the most significant bit of byte 0) and back.
     */
    static long msbFirst(long bits) {
        return Long.reverseBytes(Long.reverse(bits));
    }

    /** Writes byte {@code offset + i} = bit i of {@code bits} (0 or 1) for i below {@code count} (at most 64). */
    static void store(long bits, MemorySegment data, long offset, int count) {
        ByteVector zero = ByteVector.zero(BYTES);
        for (int k = 0; k < count; k += LANES) {
            ByteVector v = zero.blend((byte) 1, VectorMask.fromLong(BYTES, bits >>> k));
            if (k + LANES <= count) {
                v.intoMemorySegment(data, offset + k, NATIVE);
            } else {
                v.intoMemorySegment(data, offset + k, NATIVE, BYTES.indexInRange(k, count));
            }
        }
    }
}
