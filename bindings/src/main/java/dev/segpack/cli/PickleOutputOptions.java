package dev.segpack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --out OUT.pkl [--protocol 4|5]} (picocli mixin): the pickle a command writes, whole or not at all. */
final class PickleOutputOptions {

    @Option(names = "--out", required = true, paramLabel = "OUT.pkl",
            description = "Pickle to write (via a temp file renamed at the end; nothing is left on failure).")
    Path file;

    @Option(names = "--protocol", paramLabel = "4|5", description = "Pickle protocol (default 4).")
    int protocol = 4;

    int protocol(CommandSpec spec) {
        if (protocol != 4 && protocol != 5) {
            throw new ParameterException(spec.commandLine(), "--protocol must be 4 or 5, not " + protocol);
        }
        return protocol;
    }
}
