package dev.segpack.cli;

import dev.segpack.dataset.CocoExporter;
import dev.segpack.dataset.CocoJsonImporter;
import dev.segpack.dataset.CocoTask;
import dev.segpack.dataset.DatasetReader;
import dev.segpack.dataset.SegmentationMode;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.maskimg.MaskImageReader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code segpack coco export}: a COCO file or mask images to COCO task files, with datumaro's exporter semantics. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
                "Write a dataset as COCO task files, with datumaro's exporter semantics.",
                "The dataset is a COCO JSON file (--ann) or mask images (--masks, see masks to-coco --help); the files"
                        + " are OUT/annotations/<task>_<subset>.json, panoptic PNGs in OUT/annotations/panoptic_<subset>/."
                        + " Boxes, polygons and masks are grouped by group into instances; iscrowd = 1 exactly when an"
                        + " instance is written as a mask (uncompressed RLE); area comes from the mask or the rasterised"
                        + " polygons (box w*h without segmentation); bbox is rounded to 2 decimals. Memory does not grow"
                        + " with the dataset; each file is written whole or not at all.",
                ""})
final class CocoExportCommand extends ConversionCommand {

    @Option(names = "--ann", paramLabel = "IN.json",
            description = "COCO file to read (its task and subset come from a <task>_<subset>.json name).")
    Path ann;

    @Option(names = "--coco-task", paramLabel = "TASK",
            description = "Task of --ann when its name does not say: instances, person_keypoints, labels, captions,"
                    + " image_info (default: person_keypoints if a category lists keypoints, else instances).")
    String cocoTask;

    @Option(names = "--masks", paramLabel = "DIR", description = "Folder of mask files to read (see masks to-coco --help).")
    Path masks;

    @Mixin
    MaskInputOptions maskInput;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--tasks", paramLabel = "T1,T2", split = ",",
            description = "Tasks to write: image_info, instances, person_keypoints, captions, labels, panoptic"
                    + " (default: all, leaving out those that come out empty).")
    String[] tasks;

    @Option(names = "--segmentation-mode", paramLabel = "MODE", defaultValue = "guess",
            description = "guess (a mask when the leader is crowd, or has a mask of its label), polygons (masks become"
                    + " polygons, lossy), mask (polygons are rasterised into the mask). Default: guess.")
    String mode;

    @Option(names = "--crop-covered", description = "Cut each instance by the ones in front of it (by z-order).")
    boolean cropCovered;

    @Option(names = "--reindex", description = "Number images, annotations (1, 2, ...) and categories (label + 1) anew"
            + " instead of keeping the source ids.")
    boolean reindex;

    @Option(names = "--no-attributes", description = "Do not write the \"attributes\" field.")
    boolean noAttributes;

    @Override
    String convert(StderrProgress progress) throws Exception {
        if ((ann == null) == (masks == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one input: --ann IN.json or --masks DIR");
        }
        Set<CocoTask> selected = EnumSet.noneOf(CocoTask.class);
        if (tasks != null) {
            for (String t : tasks) {
                selected.add(task("--tasks", t));
            }
        }
        CocoTask annTask = cocoTask == null ? null : task("--coco-task", cocoTask);
        SegmentationMode segmentation = switch (mode.toLowerCase(Locale.ROOT)) {
            case "guess" -> SegmentationMode.GUESS;
            case "polygons" -> SegmentationMode.POLYGONS;
            case "mask" -> SegmentationMode.MASK;
            default -> throw new ParameterException(spec.commandLine(), "--segmentation-mode is '" + mode
                    + "'; expected guess, polygons or mask");
        };
        CocoExporter exporter = new CocoExporter(new CocoExporter.Options(selected, segmentation, cropCovered,
                reindex, !noAttributes, threads.count()), progress, progress::warn);
        CocoExporter.Summary s;
        try (DatasetReader reader = ann != null
                ? CocoJsonImporter.open(ann, annTask, progress::warn)
                : new MaskImageReader(maskInput.toOptions(masks, spec), false, 0, threads.count())) {
            s = exporter.export(reader, out);
        }
        StringBuilder files = new StringBuilder();
        for (CocoExporter.WrittenFile f : s.files()) {
            files.append(files.isEmpty() ? "" : ", ").append(f.path().getFileName()).append(" (")
                    .append(Plural.of(f.images(), "image")).append(", ")
                    .append(Plural.of(f.annotations(), "annotation")).append(")");
        }
        return String.format(Locale.ROOT, "%s, %s -> %s: %s", Plural.of(s.items(), "item"), Seconds.of(s.seconds()), out,
                files.isEmpty() ? "no files (every task came out empty)" : files);
    }

    private CocoTask task(String option, String name) {
        try {
            return CocoTask.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
