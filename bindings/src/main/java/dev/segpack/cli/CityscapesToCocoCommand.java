package dev.segpack.cli;

import dev.segpack.cityscapes.CityscapesInstances;
import dev.segpack.dataset.CocoExporter;
import dev.segpack.dataset.CocoTask;
import dev.segpack.dataset.SegmentationMode;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code segpack cityscapes to-coco}: the instances of every frame's instance image as one COCO file. */
@Command(name = "to-coco", mixinStandardHelpOptions = true,
        description = {"Convert a Cityscapes folder to one COCO instances JSON file.",
                "Images: <city>/<frame>_leftImg8bit.png with the frame's size, numbered 1, 2, ... in path order."
                        + " Categories: the instance classes (id = label id, or trainId with --trainids). One"
                        + " annotation per instance of the rendered instanceIds image (value >= 1000: iscrowd 0;"
                        + " a ...group region: iscrowd 1, compressed RLE), segmentation = that value's visible"
                        + " pixels (encode(instanceIds == v)), area and bbox from the mask."},
        footer = {"", "--format polygon writes each non-crowd instance's outer contours as masks to-coco does (an"
                + " instance with a hole keeps its RLE). The output is written to a temp file and renamed."})
final class CityscapesToCocoCommand extends ConversionCommand {

    @Mixin
    CityscapesCommand.GtOption gt;

    @Mixin
    OutputFileOption out;

    @Option(names = "--format", paramLabel = "rle|polygon", defaultValue = "rle",
            description = "Segmentation of non-crowd instances (default: rle).")
    String format;

    @Option(names = "--trainids", description = "Use instanceTrainIds: category ids are trainIds.")
    boolean trainIds;

    @Mixin
    CityscapesCommand.LabelsOption labels;

    @Mixin
    CityscapesCommand.SkipInvalidOption invalid;

    @Override
    String convert(StderrProgress progress) throws Exception {
        boolean polygons = switch (format.toLowerCase(Locale.ROOT)) {
            case "polygon", "polygons" -> true;
            case "rle" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--format is '" + format
                    + "'; expected rle or polygon");
        };
        long start = System.nanoTime();
        CityscapesInstances.Counts c;
        try (CityscapesInstances reader = new CityscapesInstances(gt.root, labels.table(), trainIds, polygons,
                invalid.skip, threads.count(), progress::warn)) {
            new CocoExporter(new CocoExporter.Options(Set.of(CocoTask.INSTANCES), SegmentationMode.GUESS, false,
                    false, false, threads.count()), progress, progress::warn)
                    .exportPlainInstances(reader, out.file);
            c = reader.counts();
        }
        return String.format(Locale.ROOT, "%s, %s (%d crowd%s)%s, %s -> %s", Plural.of(c.frames(), "frame"),
                Plural.of(c.objects(), "annotation"), c.crowds(), polygons ? ", " + c.polygons() + " as polygons" : "",
                c.skipped() > 0 ? ", " + c.skipped() + " skipped" : "", Seconds.of((System.nanoTime() - start) / 1e9), out.file);
    }
}
