package dev.segpack.spark;

import dev.segpack.cli.FailureMessage;
import java.io.PrintWriter;
import org.apache.spark.SparkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code segpack spark <job>}, and the main class for {@code spark-submit --class
 * dev.segpack.spark.SparkMain}. As the CLI does: a usage error is one line (exit 2), a failure one line
 * that names the file and item (the CLI's {@link FailureMessage}, exit 1); {@code -v} adds the stack trace.
 */
@Command(name = "segpack spark", mixinStandardHelpOptions = true, version = "segpack 0.1.0",
        description = "Run segpack jobs on Apache Spark: the single-machine commands' outputs, byte for byte.",
        subcommands = {CocoRleJob.class, CocoEvalJob.class, MasksToParquetJob.class, ParquetToCocoJob.class,
                CityscapesRenderJob.class,
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
                    err.println(cmd.getCommandSpec().qualifiedName() + ": error: "
                            + FailureMessage.of(unwrapped(e), cmd));
                    if (cmd.getCommandSpec().userObject() instanceof SparkJob job && job.verbose) {
                        e.printStackTrace(err);
                    }
                    err.flush();
                    return 1;
                })
                .execute(args);
    }

    /** The exception an executor threw, without the SparkExceptions that carried it to the driver. */
    private static Throwable unwrapped(Throwable e) {
        while (e instanceof SparkException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
