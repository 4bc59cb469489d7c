package dev.segpack.spark;

import dev.segpack.cli.CocoEvalOptions;
import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.CocoEval;
import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.Evaluation;
import dev.segpack.engine.eval.EvaluationParts;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.eval.CocoEvaluation;
import dev.segpack.io.Plural;
import dev.segpack.io.Workers;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code segpack spark coco-eval}: {@code segpack coco eval} with evaluateImg on Spark's executors. The
 * driver reads both files as the command does, cuts the (category, image) cells into parts of whole
 * cells ({@link EvaluationParts#split}), sends each part's rows to an executor, which evaluates them
 * with the engine's {@link CocoEval#evaluate}, and merges the parts back ({@link EvaluationParts#merge})
 * into the evaluation the command computes; accumulate and the report run on the driver, through the
 * command's own options ({@link CocoEvalOptions}). Stdout and the --json file are the command's.
 */
@Command(name = "coco-eval", mixinStandardHelpOptions = true,
        description = {"segpack coco eval on Spark: evaluateImg on the executors, accumulate on the driver; prints"
                + " and writes what 'segpack coco eval' does, for any partitioning.",
                "The driver reads both files; warnings and the job's summary go to stderr."})
final class CocoEvalJob extends SparkJob {

    @Mixin
    CocoEvalOptions options;

    @Override
    String run(SparkSession spark) throws IOException {
        options.iouType(); // a usage error before anything is read
        long t0 = System.nanoTime();
        try (CocoIndex gt = CocoIndex.load(options.gtFile());
                Workers workers = new Workers(Runtime.getRuntime().availableProcessors())) {
            EvalParams p = options.params(gt);
            GroundTruth truth = CocoEvaluation.groundTruth(gt, p, workers);
            CocoResults dt = CocoResults.load(options.dtFile(), gt, p.iouType(), workers);
            options.warn(dt, warning -> System.err.println(spec.name() + ": " + warning));
            long t1 = System.nanoTime();
            int parts = partitions(spark, partitions);
            Evaluation evaluation = evaluate(spark, p, truth, dt.detections(), parts);
            long t2 = System.nanoTime();
            options.report(gt, evaluation.accumulate(workers));
            return String.format(Locale.ROOT, "%s, %s, %s, %s; load %.3f s, evaluate %.3f s (at most %s),"
                            + " accumulate and report %.3f s", p.iouType().cocoName(),
                    Plural.of(p.imgIds().length, "image"), Plural.of(truth.size(), "ground truth"),
                    Plural.of(dt.size(), "result"), (t1 - t0) / 1e9, (t2 - t1) / 1e9, Plural.of(parts, "part"),
                    (System.nanoTime() - t2) / 1e9);
        }
    }

    @Override
    PrintStream summaryStream() {
        return System.err;
    }

    /**
     * evaluate() of the ground truths {@code gt} and detections {@code dt}: at most {@code partitions}
     * parts of whole cells evaluated on the executors, one task each, merged on the driver.
     */
    static Evaluation evaluate(SparkSession spark, EvalParams p, GroundTruth gt, Detections dt, int partitions) {
        List<EvalRows> parts = new ArrayList<>();
        for (EvaluationParts.Rows rows : EvaluationParts.split(p, gt, dt, partitions)) {
            parts.add(EvalRows.of(gt, dt, rows));
        }
        List<EvaluationParts.Part> evaluated = parts.isEmpty() ? List.of()
                : JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, parts.size())
                        .map(part -> EvaluationParts.Part.of(CocoEval.evaluate(p, part.groundTruth(),
                                part.detections(), Runnable::run)))
                        .collect();
        return EvaluationParts.merge(p, gt, dt, evaluated);
    }
}
