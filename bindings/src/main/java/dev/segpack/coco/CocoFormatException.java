package dev.segpack.coco;

/** A COCO file that cannot be read as COCO; the message names the file and the item. */
public class CocoFormatException extends RuntimeException {
    public CocoFormatException(String message) {
        super(message);
    }

    public CocoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
