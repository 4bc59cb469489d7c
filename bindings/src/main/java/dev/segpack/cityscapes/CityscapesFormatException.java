package dev.segpack.cityscapes;

/** A Cityscapes file that cannot be used as it is; the message names the file and, where there is one, the object. */
public final class CityscapesFormatException extends RuntimeException {
    public CityscapesFormatException(String message) {
        super(message);
    }

    public CityscapesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
