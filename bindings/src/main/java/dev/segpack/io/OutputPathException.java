package dev.segpack.io;

import java.io.IOException;
import java.nio.file.Path;

/** An output path segpack refuses to write, named as the user gave it. */
public final class OutputPathException extends IOException {

    public OutputPathException(Path requested, String problem) {
        super(requested + " " + problem + "; the output must be a regular file or a new path");
    }
}
