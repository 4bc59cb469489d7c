package dev.segpack.cli;

import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.panoptic.PanopticToDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack panoptic to-detection}: panopticapi's panoptic2detection_coco_format. */
@Command(name = "to-detection", mixinStandardHelpOptions = true,
        description = {"Convert COCO panoptic (PNGs + JSON) to a COCO detection JSON.",
                "As panopticapi's panoptic2detection_coco_format does: one annotation per segment with its mask as"
                        + " compressed RLE (string counts), area/bbox/iscrowd kept from segments_info, image_id added,"
                        + " new ids 0,1,2,... in order, categories without isthing/color. Other top-level fields are"
                        + " kept."})
final class PanopticToDetectionCommand extends ConversionCommand {

    @Mixin
    PanopticInputOptions input;

    @Mixin
    OutputFileOption out;

    @Option(names = "--things-only", description = "Keep only segments and categories of thing classes (isthing=1).")
    boolean thingsOnly;

    @Override
    String convert(StderrProgress progress) throws Exception {
        PanopticToDetection.Summary s = new PanopticToDetection(
                new PanopticToDetection.Options(thingsOnly, input.mismatch(), threads.count()), progress)
                .convert(input.json, input.pngs, input.categories, out.file);
        return String.format("%s, %s, %s dropped, %s -> %s", Plural.of(s.images(), "image"),
                Plural.of(s.annotations(), "annotation"), Plural.of(s.stuffDropped(), "stuff segment"), Seconds.of(s.seconds()),
                out.file);
    }
}
