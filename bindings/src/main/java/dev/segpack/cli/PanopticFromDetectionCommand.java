package dev.segpack.cli;

import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.panoptic.DetectionToPanoptic;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack panoptic from-detection}: panopticapi's detection2panoptic_coco_format, deterministic. */
@Command(name = "from-detection", mixinStandardHelpOptions = true,
        description = {"Convert a COCO detection JSON whose masks do not overlap into panoptic PNGs + JSON.",
                "As panopticapi's detection2panoptic_coco_format does (an overlap is an error naming both"
                        + " annotations). Segment ids are deterministic, not random: the first segment of a category in"
                        + " an image gets the category colour; later ones get colours within +-30 per channel drawn"
                        + " from a generator seeded with the image and category ids; ids are unique per image and never"
                        + " 0. segments_info = each annotation without segmentation/image_id, id = its segment id. PNG"
                        + " name = image file_name up to its first '.' + \".png\"."})
final class PanopticFromDetectionCommand extends ConversionCommand {

    @Mixin
    AnnotationFileOption detections;

    @Option(names = "--categories", required = true, paramLabel = "CATS.json",
            description = "Panoptic categories (panoptic_coco_categories.json): ids, isthing, colours.")
    Path categories;

    @Option(names = "--out-json", required = true, paramLabel = "OUT.json",
            description = "Panoptic JSON to write (via a temp file renamed at the end).")
    Path outJson;

    @Option(names = "--out-pngs", required = true, paramLabel = "DIR",
            description = "Folder for the panoptic PNGs (created if missing; each PNG written atomically).")
    Path outPngs;

    @Override
    String convert(StderrProgress progress) throws Exception {
        DetectionToPanoptic.Summary s = new DetectionToPanoptic(
                new DetectionToPanoptic.Options(threads.count()), progress)
                .convert(detections.file, categories, outJson, outPngs);
        return String.format("%s, %s, %s -> %s, %s", Plural.of(s.images(), "image"),
                Plural.of(s.segments(), "segment"), Seconds.of(s.seconds()), outJson, outPngs);
    }
}
