package dev.segpack.engine.rle;

/** Counts, a counts string or a size that describes no valid mask. The message says where. */
public class MalformedRleException extends IllegalArgumentException {
    public MalformedRleException(String message) {
        super(message);
    }
}
