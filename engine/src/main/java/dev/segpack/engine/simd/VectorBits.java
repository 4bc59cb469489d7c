package dev.segpack.engine.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Moves between 64 bytes of a mask and a 64-bit word with one bit per byte (bit i = byte i), the
 * currency of the vector kernels: a comparison's lane mask is such a word ({@code toLong}), and a
 * word becomes a lane mask again ({@code fromLong}). Works for any species of 8 to 64 lanes.
 */
final class VectorBits {

    /**
     * The shape of every vector kernel's vectors. Static final, as every species derived from it:
     * the JIT compiles Vector API calls to vector instructions only for a constant species.
     */
    static final VectorShape SHAPE = shape(System.getProperty(Kernels.BITS_PROPERTY));
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, SHAPE);
    static final int LANES = BYTES.length();
    static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorBits() {
    }

    /**
     * The CPU's preferred shape, or for a {@link Kernels#BITS_PROPERTY} of 128, 256 or 512 the shape of
     * that many bits, capped at the preferred one.
     */
    static VectorShape shape(String bits) {
        VectorShape preferred = VectorShape.preferredShape();
        if (bits == null) {
            return preferred;
        }
        int requested = switch (bits) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    "-D" + Kernels.BITS_PROPERTY + "=" + bits + " is not 128, 256 or 512");
        };
        return VectorShape.forBitSize(Math.min(requested, preferred.vectorBitSize()));
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
