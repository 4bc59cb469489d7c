package dev.segpack.panoptic;

/** Panoptic data that cannot be used as it is; the message names the file and the segment or item. */
public class PanopticFormatException extends RuntimeException {
    public PanopticFormatException(String message) {
        super(message);
    }

    public PanopticFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
