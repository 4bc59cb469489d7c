package dev.segpack.cli;

/**
 * The {@code segpack} entry point. A help request whose page was rendered at build time is answered
 * from it ({@link PrerenderedHelp}) before any of picocli's classes is loaded, let alone its model
 * built; everything else goes to {@link SegpackCommand}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // A page needs no System.exit, which since JDK 21 sets up System.Logger to log the exit: tens of
        // milliseconds, a good part of a help run.
        if (!PrerenderedHelp.print(args, System.out)) {
            System.exit(SegpackCommand.run(args));
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return PrerenderedHelp.print(args, System.out) ? 0 : SegpackCommand.run(args);
    }
}
