package dev.segpack.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --threads N} (picocli mixin): worker threads, all cores unless given; below 1 is a usage error. */
final class ThreadsOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private int count = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    void set(int n) {
        if (n < 1) {
            throw new ParameterException(command.commandLine(), "--threads must be at least 1, not " + n);
        }
        count = n;
    }

    int count() {
        return count;
    }
}
