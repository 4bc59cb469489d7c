package dev.segpack.cli;

import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.eval.CocoEvaluation;
import dev.segpack.io.Plural;
import dev.segpack.io.Workers;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code segpack coco eval}: pycocotools' COCOeval (loadRes, evaluate, accumulate, summarize) on two files. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a results file against COCO ground truth as pycocotools' COCOeval does.",
                "Prints the lines summarize() prints (the same numbers); timings and warnings go to stderr."})
final class CocoEvalCommand implements Callable<Integer> {

    @Mixin
    CocoEvalOptions options;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        options.iouType(); // a usage error before anything is read
        StderrProgress progress = new StderrProgress("coco eval");
        long t0 = System.nanoTime();
        try (CocoIndex gt = CocoIndex.load(options.gtFile()); Workers workers = new Workers(threads.count())) {
            EvalParams p = options.params(gt);
            Executor executor = threads.count() == 1 ? Runnable::run : workers;
            CocoEvaluation.OnDemand truth = CocoEvaluation.groundTruthOnDemand(gt, p);
            long t1 = System.nanoTime();
            CocoResults dt = CocoResults.load(options.dtFile(), gt, p.iouType(), executor);
            long t2 = System.nanoTime();
            options.warn(dt, progress::warn);
            CocoEvaluation.Run run = CocoEvaluation.evaluate(truth.columns(), truth.masks(), dt, p, executor);
            options.report(gt, run.accumulation());
            progress.finish();
            System.err.printf(Locale.ROOT, "segpack coco eval: %s, %s, %s, %s; load %.3f s (gt %.3f, results %.3f),"
                            + " evaluate %.3f s, accumulate %.3f s, total %.3f s, %s%n", p.iouType().cocoName(),
                    Plural.of(p.imgIds().length, "image"), Plural.of(truth.columns().size(), "ground truth"),
                    Plural.of(dt.size(), "result"), (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    run.evaluateSeconds(), run.accumulateSeconds(), (System.nanoTime() - t0) / 1e9,
                    Plural.of(threads.count(), "thread"));
            return 0;
        }
    }
}
