package dev.segpack.npy;

import java.util.Arrays;

/**
 * An .npy header: format version, element type, shape, memory order, and where the data starts.
 * The data is {@link #dataBytes()} bytes of elements in C order, or Fortran order when
 * {@code fortranOrder}.
 */
public record NpyHeader(int majorVersion, int minorVersion, NpyDtype dtype, long[] shape, boolean fortranOrder,
                        long dataOffset) {

    public NpyHeader {
        shape = shape.clone();
        elementCount(shape); // rejects negative or overflowing shapes
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return elementCount(shape);
    }

    public long dataBytes() {
        return Math.multiplyExact(elementCount(), (long) dtype.itemSize);
    }

    /** Product of the dimensions; 1 for a 0-d (scalar) array. */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^63 elements");
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && majorVersion == h.majorVersion && minorVersion == h.minorVersion
                && dtype == h.dtype && Arrays.equals(shape, h.shape) && fortranOrder == h.fortranOrder
                && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode() + Long.hashCode(dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[version " + majorVersion + "." + minorVersion + ", " + dtype.descr + ", shape "
                + Arrays.toString(shape) + (fortranOrder ? ", Fortran order" : ", C order") + ", data at " + dataOffset + "]";
    }
}
