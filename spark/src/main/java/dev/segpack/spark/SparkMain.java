package dev.segpack.spark;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code segpack spark <job>}, and the main class for {@code spark-submit --class
 * dev.segpack.spark.SparkMain}. As the CLI does: a usage error is one line (exit 2), a failure one line
 * with the message of its innermost cause, which names the file and item (exit 1); {@code -v} adds the
 * stack trace.
 */
@Command(name = "segpack spark", mixinStandardHelpOptions = true, version = "segpack 0.1.0",
        description = "Run segpack jobs on Apache Spark: the single-machine commands' outputs, byte for byte.",
        subcommands = {CocoRleJob.class, MasksToParquetJob.class, ParquetToCocoJob.class,
                CommandLine.HelpCommand.class})
public final class SparkMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a job and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new SparkMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    PrintWriter err = cmd.getErr();
                    err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + innermost(e).getMessage());
                    if (cmd.getCommandSpec().userObject() instanceof SparkJob job && job.verbose) {
                        e.printStackTrace(err);
                    }
                    err.flush();
                    return 1;
                })
                .execute(args);
    }

    /** The cause a failure started from: Spark wraps an executor's exception in its own. */
    private static Throwable innermost(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
