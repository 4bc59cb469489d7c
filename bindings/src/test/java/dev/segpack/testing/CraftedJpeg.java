package dev.segpack.testing;

/** JPEG files written byte by byte, for tests that need a header to say what the data cannot back. */
public final class CraftedJpeg {

    private CraftedJpeg() {
    }

    /** SOI, a gray baseline frame header (SOF0) of h×w written by hand, one scan of a few bytes, EOI. */
    public static byte[] grayDeclaring(int h, int w) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) (h >> 8), (byte) h, (byte) (w >> 8), (byte) w, 1, 1, 0x11, 0,
                (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0x56,
                (byte) 0xFF, (byte) 0xD9};
    }
}
