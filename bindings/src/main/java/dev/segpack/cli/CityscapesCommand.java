package dev.segpack.cli;

import dev.segpack.engine.cityscapes.LabelTable;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segpack cityscapes …}: Cityscapes ground truth (gtFine/gtCoarse polygons) to images, COCO and panoptic. */
@Command(name = "cityscapes", description = "Cityscapes polygons: render label/instance PNGs, convert to COCO or panoptic.",
        mixinStandardHelpOptions = true)
final class CityscapesCommand {

    /** {@code --gt ROOT} (picocli mixin): the gtFine or gtCoarse folder a command reads. */
    static final class GtOption {
        @Option(names = "--gt", required = true, paramLabel = "ROOT",
                description = "gtFine or gtCoarse folder: ROOT/<split>/<city>/*_gt*_polygons.json.")
        Path root;
    }

    /** {@code --labels TABLE} (picocli mixin): a label table replacing labels.py's. */
    static final class LabelsOption {
        @Option(names = "--labels", paramLabel = "TABLE.csv",
                description = "Label table with labels.py's columns (name,id,trainId,category,categoryId,hasInstances,"
                        + "ignoreInEval,color), e.g. with edited trainIds (default: cityscapesScripts 2.2.4's labels.py).")
        Path file;

        LabelTable table() throws IOException {
            return file == null ? LabelTable.cityscapes() : LabelTable.read(file);
        }
    }

    /** {@code --skip-invalid} (picocli mixin): what every command does with a frame it cannot read or draw. */
    static final class SkipInvalidOption {
        @Option(names = "--skip-invalid",
                description = "Report a frame that cannot be read or drawn (malformed JSON or PNG, no imgWidth/imgHeight,"
                        + " a polygon of one point, an unknown label) and go on without it; the summary counts the"
                        + " frames skipped (default: stop with an error naming the file and the object).")
        boolean skip;
    }
}
