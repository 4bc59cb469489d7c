package dev.segpack.spark;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A {@code segpack spark} job: starts a Spark session (the master from {@code --master}, else the one
 * spark-submit gives, else local[*]), runs, prints one summary line {@code "JOB: summary"} (on stdout,
 * or on stderr for a job whose stdout is its result) and stops the session it started.
 */
abstract class SparkJob implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: the one spark-submit gives, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the work (default: 4 per core of the cluster).")
    int partitions;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of a failure.")
    boolean verbose;

    /** Runs the job on {@code spark}; returns the summary printed after {@code "JOB: "}. */
    abstract String run(SparkSession spark) throws Exception;

    /** Where the summary goes: stdout, unless the job prints its result there (as its command does). */
    PrintStream summaryStream() {
        return System.out;
    }

    @Override
    public final Integer call() throws Exception {
        SparkSession.Builder builder = SparkSession.builder().appName("segpack " + spec.name());
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        // a session that was running already (a notebook's, a test's) is used and left running
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = builder.getOrCreate();
        try {
            String summary = run(spark);
            summaryStream().println(spec.name() + ": " + summary);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        return 0;
    }

    /** The partition count asked for, or 4 per core of the cluster. */
    static int partitions(SparkSession spark, int asked) {
        return asked > 0 ? asked : 4 * spark.sparkContext().defaultParallelism();
    }
}
