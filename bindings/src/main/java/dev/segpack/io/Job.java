package dev.segpack.io;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A conversion a command runs once: its options, where it reports progress, and where it says what
 * it skipped or changed (the CLI prints warnings on stderr; tests collect them).
 */
public abstract class Job<O> {

    protected final O options;
    protected final Progress progress;
    protected final Consumer<String> warnings;

    protected Job(O options, Progress progress, Consumer<String> warnings) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()}), for a run's summary. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
