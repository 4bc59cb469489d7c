package dev.segpack.cli;

import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.eval.Summary;
import dev.segpack.eval.CategoryScores;
import dev.segpack.eval.CocoEvaluation;
import dev.segpack.eval.EvalReport;
import dev.segpack.eval.PrChart;
import dev.segpack.io.Plural;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code coco eval} (picocli mixin), shared with its Spark job, and what both make of
 * them: COCOeval's parameters, the warnings about the results, and the report (the lines summarize()
 * prints, the per-category table, the --json file and the --plot chart).
 */
public final class CocoEvalOptions {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    public Path gtFile() {
        return gtFile;
    }

    public Path dtFile() {
        return dtFile;
    }

    /** The --iou-type asked for; another word is a usage error. */
    public IouType iouType() {
        return switch (iouType) {
            case "bbox" -> IouType.BBOX;
            case "segm" -> IouType.SEGM;
            case "keypoints" -> IouType.KEYPOINTS;
            default -> throw new ParameterException(command.commandLine(),
                    "--iou-type must be bbox, segm or keypoints, not " + iouType);
        };
    }

    /** COCOeval's parameters for the ground truth {@code gt}, with the images, maxDets and useCats asked for. */
    public EvalParams params(CocoIndex gt) throws IOException {
        EvalParams p = CocoEvaluation.defaultParams(gt, iouType());
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

    /** Tells {@code warnings} what about the results {@code dt} differs from a plain pycocotools run. */
    public void warn(CocoResults dt, Consumer<String> warnings) {
        if (dt.form() == CocoResults.Form.EMPTY) {
            warnings.accept("warning: " + dtFile + " holds no results (pycocotools raises IndexError); every"
                    + " category with ground truth gets precision and recall 0");
        }
        if (iouType() == IouType.SEGM && dt.sizeMismatches() > 0) {
            warnings.accept("warning: " + Plural.of(dt.sizeMismatches(), "result") + " in " + dtFile + " have a mask"
                    + " whose size is not their image's; as in pycocotools, their IoU is -1 (no match)");
        }
    }

    /** Prints the summary lines (and the per-category table if asked) and writes the --json and --plot files. */
    public void report(CocoIndex gt, Accumulation accumulation) throws IOException {
        Summary summary = accumulation.summarize();
        for (String line : summary.lines()) {
            System.out.println(line);
        }
        if (perCategory) {
            printPerCategory(gt, CategoryScores.of(accumulation));
        }
        if (json != null) {
            EvalReport.write(json, gt, accumulation, summary);
        }
        if (plot != null) {
            PrChart.write(plot, accumulation);
        }
        System.out.flush();
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
