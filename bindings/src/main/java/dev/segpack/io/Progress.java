package dev.segpack.io;

/** Where long runs report how far they are; the CLI prints it on stderr, tests ignore it. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total, unit) -> { };

    /** {@code done} of {@code total} {@code unit}s are finished (total ≤ 0 when unknown). */
    void update(long done, long total, String unit);
}
