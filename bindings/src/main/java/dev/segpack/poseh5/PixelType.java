package dev.segpack.poseh5;

import io.jhdf.object.datatype.FixedPoint;

import java.nio.ByteBuffer;

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
        // jhdf's constructor declares the host's byte order; pixel bytes are little-endian on
        // every host, so the encoded type is re-read with the byte-order bit (bit 0 of the class
        // bit field, byte 1 of the encoding) cleared.
        ByteBuffer encoded = new FixedPoint(bytes, false).toBuffer();
        encoded.put(1, (byte) (encoded.get(1) & ~1));
        return new FixedPoint(encoded);
    }
}
