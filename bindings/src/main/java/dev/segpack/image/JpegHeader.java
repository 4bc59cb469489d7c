package dev.segpack.image;

/**
 * Geometry of a JPEG as {@link JpegDecoder#decodeBgr} returns it: {@code h} and {@code w} are after
 * the EXIF {@code orientation} (1..8, 1 = as stored) is applied, so 5..8 swap the stored axes.
 */
public record JpegHeader(int h, int w, int orientation) {

    /** Bytes of the BGR image a decode writes. */
    public long bgrBytes() {
        return 3L * h * w;
    }
}
