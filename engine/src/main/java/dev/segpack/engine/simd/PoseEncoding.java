package dev.segpack.engine.simd;

/**
 * The bit layout of the person-pose value, the one definition every pose kernel and caller uses:
 * the 1-based index of the instance that covers the pixel in the low bits (0 where none does),
 * then the crowd bit, then the unannotated bit. {@link #NARROW} is the recipe's uint8 (index bits
 * 0–5, crowd bit 6, unannotated bit 7: at most 63 instances); {@link #WIDE} is segpack's uint16
 * little-endian extension for crowded images (index bits 0–13, crowd bit 14, unannotated bit 15:
 * at most 16383). A stored pose image interleaves B, G, R and the value as [h, w, 4], every channel
 * as wide as the value, so that one dataset keeps one element type as h5py requires.
 *
 * <p>Here rather than in the pose package: the kernels write this layout, and the kernels' package
 * depends on no other engine package but the masks.
 */
public enum PoseEncoding {
    NARROW(1), WIDE(2);

    /** Bytes of one value, and of each channel of a stored image. */
    public final int bytes;
    /** Bits of the instance index. */
    public final int indexBits;
    /** The index bits of a value. */
    public final int indexMask;
    /** Most non-crowd instances the index can number. */
    public final int maxInstances;
    public final int crowdBit;
    public final int unannotatedBit;

    PoseEncoding(int bytes) {
        this.bytes = bytes;
        this.indexBits = 8 * bytes - 2;
        this.indexMask = (1 << indexBits) - 1;
        this.maxInstances = indexMask;
        this.crowdBit = 1 << indexBits;
        this.unannotatedBit = 1 << (indexBits + 1);
    }

    /** The value's type as numpy and h5py name it, for messages: uint8 or uint16. */
    public String valueType() {
        return "uint" + 8 * bytes;
    }

    /** Bytes of an h×w image of values. */
    public long imageBytes(int h, int w) {
        return (long) h * w * bytes;
    }

    /** Bytes of an h×w stored image: B, G, R and the value per pixel. */
    public long storedBytes(int h, int w) {
        return 4 * imageBytes(h, w);
    }
}
