package dev.segpack.cli;

import dev.segpack.panoptic.PanopticSegments;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The inputs shared by the commands reading a panoptic dataset (picocli mixin). */
final class PanopticInputOptions {

    @Option(names = "--json", required = true, paramLabel = "PANOPTIC.json",
            description = "Panoptic JSON (images, annotations with file_name and segments_info, categories).")
    Path json;

    @Option(names = "--pngs", required = true, paramLabel = "DIR",
            description = "Folder of the panoptic PNGs (each annotation's file_name is read from here).")
    Path pngs;

    @Option(names = "--categories", paramLabel = "CATS.json",
            description = "Categories file where isthing is looked up (panoptic_coco_categories.json);"
                    + " default: the panoptic JSON's own categories.")
    Path categories;

    @Option(names = "--allow-mismatch",
            description = "Do as panopticapi when a PNG and its segments_info disagree: a listed segment without"
                    + " pixels gets an empty mask, PNG ids not listed are ignored (default: stop with an error"
                    + " naming the PNG and the segment id).")
    boolean allowMismatch;

    PanopticSegments.Mismatch mismatch() {
        return allowMismatch ? PanopticSegments.Mismatch.AS_PANOPTICAPI : PanopticSegments.Mismatch.FAIL;
    }
}
