package dev.segpack.image;

/** Which library decodes JPEG. */
public enum JpegBackend {
    /** libjpeg-turbo through its TurboJPEG C API: byte-identical to cv2.imread on Debian's OpenCV. */
    TURBOJPEG,
    /** The JDK's ImageIO: always there, slower, and not guaranteed byte-identical to cv2.imread. */
    IMAGEIO
}
