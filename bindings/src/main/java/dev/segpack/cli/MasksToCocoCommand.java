package dev.segpack.cli;

import dev.segpack.dataset.CocoExporter;
import dev.segpack.dataset.CocoTask;
import dev.segpack.dataset.SegmentationMode;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.maskimg.MaskImageReader;
import dev.segpack.maskimg.MaskImportOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code segpack masks to-coco}: mask images to a COCO instances file. */
@Command(name = "to-coco", mixinStandardHelpOptions = true,
        description = {
                "Convert mask images to one COCO instances JSON file.",
                "One annotation per object: iscrowd 0, area = the mask's pixel count, bbox = toBbox of the mask,"
                        + " segmentation = polygons (the outer contours exactly as cv2.findContours RETR_EXTERNAL +"
                        + " CHAIN_APPROX_SIMPLE gives them, flattened x,y; an object with a hole or a contour of < 3"
                        + " points is written as compressed RLE and counted) or compressed RLE (lossless). Images are"
                        + " numbered 1, 2, ... by stem, annotations 1, 2, ... in output order.",
                "",
                MaskInputOptions.NAMING,
                MaskInputOptions.MASK_VALUES,
                ""},
        footer = {"",
                "Errors (unreadable image or mask, size mismatch, unknown pixel value or category) stop the run with"
                        + " one line naming the file; the output is written to a temp file and renamed at the end, so"
                        + " a failed run leaves none."})
final class MasksToCocoCommand extends ConversionCommand {

    @Option(names = "--masks", required = true, paramLabel = "DIR", description = "Folder of mask files.")
    Path masks;

    @Mixin
    OutputFileOption out;

    @Option(names = "--format", paramLabel = "polygon|rle", defaultValue = "polygon",
            description = "Segmentation format (default: polygon).")
    String format;

    @Option(names = "--simplify", paramLabel = "EPS", defaultValue = "0",
            description = "Polygons: simplify each contour as cv2.approxPolyDP(contour, EPS, True) (default 0: exact).")
    double simplify;

    @Mixin
    MaskInputOptions input;

    @Override
    String convert(StderrProgress progress) throws Exception {
        long start = System.nanoTime();
        boolean polygons = switch (format.toLowerCase(Locale.ROOT)) {
            case "polygon", "polygons" -> true;
            case "rle" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--format is '" + format
                    + "'; expected polygon or rle");
        };
        MaskImportOptions options = input.toOptions(masks, spec);
        MaskImageReader.Counts c;
        try (MaskImageReader reader = new MaskImageReader(options, polygons, simplify, threads.count())) {
            new CocoExporter(new CocoExporter.Options(Set.of(CocoTask.INSTANCES), SegmentationMode.GUESS, false,
                    false, false, threads.count()), progress, progress::warn)
                    .exportPlainInstances(reader, out.file);
            c = reader.counts();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%s, %s (%d empty), %s (%s, %d RLE:"
                        + " %d with holes, %d thin), %d below min-area, %s, %.0f masks/s -> %s",
                Plural.of(c.images(), "image"), Plural.of(c.maskFiles(), "mask file"), c.emptyMasks(),
                Plural.of(c.objects(), "object"), Plural.of(c.polygons(), "polygon"), c.objects() - c.polygons(),
                c.withHoles(), c.thin(), c.belowMinArea(), Seconds.of(seconds), seconds > 0 ? c.maskFiles() / seconds : 0,
                out.file);
    }
}
