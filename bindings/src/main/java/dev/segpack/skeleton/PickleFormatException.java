package dev.segpack.skeleton;

import java.io.IOException;

/** A pickle that is not read: malformed, truncated, over a limit, or naming a global outside the whitelist. The message names the file. */
public final class PickleFormatException extends IOException {
    public PickleFormatException(String message) {
        super(message);
    }

    public PickleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
