package dev.segpack.cli;

import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.eval.Summary;
import dev.segpack.eval.CategoryScores;
import dev.segpack.eval.CocoEvaluation;
import dev.segpack.eval.EvalReport;
import dev.segpack.eval.PrChart;
import dev.segpack.io.Plural;
import dev.segpack.io.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segpack coco eval}: pycocotools' COCOeval (loadRes, evaluate, accumulate, summarize) on two files. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a results file against COCO ground truth as pycocotools' COCOeval does.",
                "Prints the lines summarize() prints (the same numbers); timings and warnings go to stderr."})
final class CocoEvalCommand implements Callable<Integer> {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO ground-truth annotation file.")
    Path gtFile;

    @Option(names = "--dt", required = true, paramLabel = "RESULTS.json",
            description = "Results: a JSON list of {image_id, category_id, score, bbox | segmentation | keypoints}.")
    Path dtFile;

    @Option(names = "--iou-type", required = true, paramLabel = "bbox|segm|keypoints", description = "What is compared.")
    String iouType;

    @Option(names = "--json", paramLabel = "OUT.json",
            description = "Write the stats at full precision, the lines and per-category AP/AR.")
    Path json;

    @Option(names = "--per-category", description = "Also print AP and AR per category (area all, last maxDets).")
    boolean perCategory;

    @Option(names = "--img-ids", paramLabel = "FILE", description = "Evaluate only these image ids (integers in a text or JSON file).")
    Path imgIdsFile;

    @Option(names = "--max-dets", paramLabel = "1,10,100", split = ",",
            description = "maxDets (default 1,10,100; 20 for keypoints); summarize needs 3 for bbox and segm.")
    int[] maxDets;

    @Option(names = "--no-cats", description = "useCats=0: pool the categories.")
    boolean noCats;

    @Option(names = "--plot", paramLabel = "PR.png", description = "Write a precision-recall chart, one curve per IoU threshold.")
    Path plot;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        IouType type = switch (iouType) {
            case "bbox" -> IouType.BBOX;
            case "segm" -> IouType.SEGM;
            case "keypoints" -> IouType.KEYPOINTS;
            default -> throw new ParameterException(spec.commandLine(), "--iou-type must be bbox, segm or keypoints, not "
                    + iouType);
        };
        StderrProgress progress = new StderrProgress("coco eval");
        long t0 = System.nanoTime();
        try (CocoIndex gt = CocoIndex.load(gtFile); Workers workers = new Workers(threads.count())) {
            EvalParams p = params(gt, type);
            Executor executor = threads.count() == 1 ? Runnable::run : workers;
            GroundTruth truth = CocoEvaluation.groundTruth(gt, p, executor);
            long t1 = System.nanoTime();
            CocoResults dt = CocoResults.load(dtFile, gt, type, executor);
            long t2 = System.nanoTime();
            if (dt.form() == CocoResults.Form.EMPTY) {
                progress.warn("warning: " + dtFile + " holds no results (pycocotools raises IndexError); every"
                        + " category with ground truth gets precision and recall 0");
            }
            if (type == IouType.SEGM && dt.sizeMismatches() > 0) {
                progress.warn("warning: " + Plural.of(dt.sizeMismatches(), "result") + " in " + dtFile + " have a mask"
                        + " whose size is not their image's; as in pycocotools, their IoU is -1 (no match)");
            }
            CocoEvaluation.Run run = CocoEvaluation.evaluate(truth, dt, p, executor);
            long t3 = System.nanoTime();
            Summary summary = run.accumulation().summarize();
            for (String line : summary.lines()) {
                System.out.println(line);
            }
            if (perCategory) {
                printPerCategory(gt, CategoryScores.of(run.accumulation()));
            }
            if (json != null) {
                EvalReport.write(json, gt, run.accumulation(), summary);
            }
            if (plot != null) {
                PrChart.write(plot, run.accumulation());
            }
            System.out.flush();
            progress.finish();
            System.err.printf(Locale.ROOT, "segpack coco eval: %s, %s, %s, %s; load %.3f s (gt %.3f, results %.3f),"
                            + " evaluate %.3f s, accumulate %.3f s, total %.3f s, %s%n", type.cocoName(),
                    Plural.of(p.imgIds().length, "image"), Plural.of(truth.size(), "ground truth"),
                    Plural.of(dt.size(), "result"), (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    run.evaluateSeconds(), run.accumulateSeconds(), (System.nanoTime() - t0) / 1e9,
                    Plural.of(threads.count(), "thread"));
            return 0;
        }
    }

    private EvalParams params(CocoIndex gt, IouType type) throws Exception {
        EvalParams p = CocoEvaluation.defaultParams(gt, type);
        if (imgIdsFile != null) {
            Matcher m = INTEGER.matcher(Files.readString(imgIdsFile));
            long[] ids = new long[0];
            int n = 0;
            while (m.find()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, Math.max(16, 2 * n));
                }
                ids[n++] = Long.parseLong(m.group());
            }
            p = p.withImgIds(Arrays.copyOf(ids, n));
        }
        if (maxDets != null) {
            p = p.withMaxDets(maxDets);
        }
        return noCats ? p.withUseCats(false) : p;
    }

    private static void printPerCategory(CocoIndex gt, CategoryScores scores) {
        Map<Long, String> names = new HashMap<>();
        for (int c = 0; c < gt.categoryCount(); c++) {
            names.put((long) gt.categoryId(c), gt.categoryName(c));
        }
        System.out.printf(Locale.ROOT, "%-12s %-24s %8s %8s%n", "category_id", "name", "AP", "AR");
        for (int k = 0; k < scores.ap().length; k++) {
            long id = scores.categoryIds()[k];
            System.out.printf(Locale.ROOT, "%-12d %-24s %8.3f %8.3f%n", id, names.getOrDefault(id, id < 0 ? "(all)" : ""),
                    scores.ap()[k], scores.ar()[k]);
        }
    }
}
