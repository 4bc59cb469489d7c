package dev.segpack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out OUT.json} (picocli mixin): the JSON file a command (or Spark job) writes, whole or not at all. */
public final class OutputFileOption {

    @Option(names = "--out", required = true, paramLabel = "OUT.json",
            description = "File to write (via a temp file renamed at the end; nothing is left on failure).")
    public Path file;
}
