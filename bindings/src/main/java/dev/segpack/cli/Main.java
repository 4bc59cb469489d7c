package dev.segpack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code segpack} command line: a thin shell over the format bindings. */
@Command(name = "segpack", mixinStandardHelpOptions = true, version = "segpack 0.1.0",
        description = "Encode, convert and load segmentation masks and pose annotations at memory speed.",
        subcommands = {CocoCommand.class, MasksCommand.class, PanopticCommand.class, H5Command.class,
                dev.segpack.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(Main::reportFailure)
                .execute(args);
    }

    /** A failed command prints one line saying what and where, not a stack trace. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + message);
        if (Boolean.getBoolean("segpack.debug")) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
