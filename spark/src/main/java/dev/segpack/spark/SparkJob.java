package dev.segpack.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

    /**
     * Spark's binaryFile source over {@code files} (absolute paths, taken literally, not as glob
     * patterns): rows (path, content), read on the executors.
     */
    static Dataset<Row> binaryFiles(SparkSession spark, List<Path> files) {
        String[] paths = files.stream().map(f -> literal(f.toString())).toArray(String[]::new);
        return spark.read().format("binaryFile").load(paths).select("path", "content");
    }

    /** The local path of a file that Spark's file sources name by its URI. */
    static Path localPath(String uri) {
        return Path.of(new org.apache.hadoop.fs.Path(uri).toUri());
    }

    /** A path Spark reads as itself, not as a glob pattern. */
    private static String literal(String path) {
        return path.replaceAll("([{}\\[\\]*?\\\\])", "\\\\$1");
    }
}
