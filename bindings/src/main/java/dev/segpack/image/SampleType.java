package dev.segpack.image;

/** Width of one sample; 16-bit samples are held little-endian, as numpy holds uint16 on every platform segpack runs on. */
public enum SampleType {
    UINT8(1),
    UINT16(2);

    public final int bytes;

    SampleType(int bytes) {
        this.bytes = bytes;
    }
}
