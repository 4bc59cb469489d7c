package dev.segpack.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The test JVM's one Spark session, local[2] (Spark takes seconds to start, so every test class
 * shares it; it ends with the JVM). No UI, few shuffle partitions: the samples are small.
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("segpack tests")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
