package dev.segpack.cli;

import dev.segpack.panoptic.PanopticToDetection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack panoptic to-detection}: panopticapi's panoptic2detection_coco_format. */
@Command(name = "to-detection", mixinStandardHelpOptions = true,
        description = {"Convert COCO panoptic (PNGs + JSON) to a COCO detection JSON, as panopticapi's",
                "panoptic2detection_coco_format does: one annotation per segment with its mask as compressed RLE",
                "(string counts), area/bbox/iscrowd kept from segments_info, image_id added, new ids 0,1,2,... in",
                "order, categories without isthing/color. Other top-level fields are kept."})
final class PanopticToDetectionCommand implements Callable<Integer> {

    @Mixin
    PanopticInputOptions input;

    @Option(names = "--out", required = true, paramLabel = "OUT.json",
            description = "Detection JSON to write (via a temp file renamed at the end).")
    Path out;

    @Option(names = "--things-only", description = "Keep only segments and categories of thing classes (isthing=1).")
    boolean thingsOnly;

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress("panoptic to-detection");
        PanopticToDetection.Summary s = new PanopticToDetection(
                new PanopticToDetection.Options(thingsOnly, input.mismatch(), input.threads), progress)
                .convert(input.json, input.pngs, input.categories, out);
        progress.finish();
        System.out.printf("panoptic to-detection: %d images, %d annotations, %d stuff segments dropped, %.2f s -> %s%n",
                s.images(), s.annotations(), s.stuffDropped(), s.seconds(), out);
        return 0;
    }
}
