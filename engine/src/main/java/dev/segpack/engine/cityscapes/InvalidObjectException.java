package dev.segpack.engine.cityscapes;

/**
 * An object of a frame that cityscapesScripts cannot draw (it exits or raises): an unknown label, or a
 * polygon Pillow refuses. Names the object by its index in the frame's {@code objects} list.
 */
public final class InvalidObjectException extends IllegalArgumentException {

    private final int objectIndex;

    InvalidObjectException(int objectIndex, String label, String reason, Throwable cause) {
        super("object " + objectIndex + " ('" + label + "'): " + reason, cause);
        this.objectIndex = objectIndex;
    }

    public int objectIndex() {
        return objectIndex;
    }
}
