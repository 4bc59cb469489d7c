package dev.segpack.image;

/** Channel layout of an interleaved image: what each sample of a pixel means, in memory order. */
public enum PixelFormat {
    GRAY(1),
    GRAY_ALPHA(2),
    RGB(3),
    RGBA(4),
    /** Blue, green, red: what cv2.imread returns for a colour image. */
    BGR(3);

    public final int channels;

    PixelFormat(int channels) {
        this.channels = channels;
    }
}
