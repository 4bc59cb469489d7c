package dev.segpack.h5;

import io.jhdf.object.datatype.FixedPoint;

/**
 * Element type of an image dataset: unsigned little-endian integers, as numpy's {@code uint8} and
 * {@code uint16} ({@code <u2}) arrays are stored by h5py.
 */
public enum PixelType {
    UINT8(1),
    UINT16(2);

    private final int bytes;

    PixelType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The HDF5 fixed-point type written for this element type (unsigned, little-endian). */
    FixedPoint hdf5Type() {
        return new FixedPoint(bytes, false);
    }
}
