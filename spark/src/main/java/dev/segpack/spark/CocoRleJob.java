package dev.segpack.spark;

import dev.segpack.cli.CocoRleOptions;
import dev.segpack.coco.AnnotationRun;
import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoRleConverter;
import dev.segpack.coco.RunConversion;
import dev.segpack.coco.RunConversion.ConvertedRun;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code segpack spark coco-rle}: {@code segpack coco rle} with the annotations converted on Spark's
 * executors. The driver indexes the file and writes the output, through the same
 * {@link CocoRleConverter}; the executors get runs of annotations (their byte ranges and image sizes,
 * never the index), read those bytes from the file and convert them with
 * {@link RunConversion#convert(AnnotationRun, byte[], boolean)}. The driver collects the partitions in
 * waves of two per core and writes them in order, so it holds at most one wave's output.
 *
 * <p>The executors read the input by its absolute path: on a cluster it must be on a file system
 * every node mounts at the same place.
 */
@Command(name = "coco-rle", mixinStandardHelpOptions = true,
        description = {"segpack coco rle on Spark: every segmentation to compressed RLE, output identical to"
                + " 'segpack coco rle' for any partitioning.",
                "The input must be readable at the same absolute path by every executor."})
final class CocoRleJob extends SparkJob {

    @Mixin
    CocoRleOptions options;

    @Override
    String run(SparkSession spark) throws IOException {
        return convert(spark, options.in(), options.out(), options.converterOptions(1),
                partitions(spark, partitions)).line(options.out());
    }

    /**
     * Rewrites {@code in} to {@code out} as {@code segpack coco rle} does, in {@code partitions}
     * partitions (options.threads() is unused); skipped annotations are reported on stderr.
     */
    static CocoRleConverter.Summary convert(SparkSession spark, Path in, Path out, CocoRleConverter.Options options,
            int partitions) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CocoRleConverter converter = new CocoRleConverter(options, Progress.NONE,
                warning -> System.err.println("coco-rle: " + warning), (index, recomputeArea, written) -> {
                    List<AnnotationRun> runs = runs(index, partitions);
                    Iterator<ConvertedRun> converted = convertRuns(jsc, index, runs, recomputeArea, partitions);
                    for (AnnotationRun run : runs) {
                        if (!written.accept(run, converted.next())) {
                            break;
                        }
                    }
                });
        return converter.convert(in, out);
    }

    /** The index's annotations in about {@code partitions} runs (of at most {@link CocoRleConverter#BATCH}). */
    private static List<AnnotationRun> runs(CocoIndex index, int partitions) {
        int n = index.annotationCount();
        List<AnnotationRun> runs = new ArrayList<>();
        if (n > 0) {
            int size = Math.clamp((n + partitions - 1) / partitions, 1, CocoRleConverter.BATCH);
            AnnotationRun.runs(index, size).forEachRemaining(runs::add);
        }
        return runs;
    }

    /** The runs converted on the executors and collected in order, a wave of partitions at a time. */
    private static Iterator<ConvertedRun> convertRuns(JavaSparkContext jsc, CocoIndex index, List<AnnotationRun> runs,
            boolean recompute, int partitions) {
        if (runs.isEmpty()) {
            return List.<ConvertedRun>of().iterator();
        }
        String file = index.path().toAbsolutePath().toString();
        int slices = Math.min(partitions, runs.size());
        JavaRDD<ConvertedRun> converted = jsc.parallelize(runs, slices)
                .mapPartitions(part -> convertPartition(file, part, recompute));
        int wave = 2 * jsc.defaultParallelism();
        return IntStream.iterate(0, p -> p < slices, p -> p + wave)
                .mapToObj(p -> converted.collectPartitions(IntStream.range(p, Math.min(slices, p + wave)).toArray()))
                .flatMap(lists -> Arrays.stream(lists).flatMap(List::stream))
                .iterator();
    }

    /** One partition's runs converted, on an executor: each run's bytes read from the file in one go. */
    private static Iterator<ConvertedRun> convertPartition(String file, Iterator<AnnotationRun> runs, boolean recompute)
            throws IOException {
        List<ConvertedRun> out = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(Path.of(file))) {
            while (runs.hasNext()) {
                AnnotationRun run = runs.next();
                out.add(RunConversion.convert(run, read(channel, file, run.start(), run.end()), recompute));
            }
        }
        return out.iterator();
    }

    private static byte[] read(FileChannel channel, String file, long start, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - start));
        while (buf.hasRemaining()) {
            if (channel.read(buf, start + buf.position()) < 0) {
                throw new IOException(file + ": file ended at " + (start + buf.position())
                        + " on an executor; is it the driver's file, unchanged?");
            }
        }
        return buf.array();
    }
}
