package dev.segpack.cli;

import dev.segpack.maskimg.MasksToCoco;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack masks to-coco}: mask images to a COCO instances file. */
@Command(name = "to-coco", mixinStandardHelpOptions = true,
        description = {
                "Convert mask images to one COCO instances JSON file: one annotation per",
                "object, iscrowd 0, area = the mask's pixel count, bbox = toBbox of the mask,",
                "segmentation = polygons (the outer contours exactly as cv2.findContours",
                "RETR_EXTERNAL + CHAIN_APPROX_SIMPLE gives them, flattened x,y; an object with",
                "a hole or a contour of < 3 points is written as compressed RLE and counted)",
                "or compressed RLE (lossless). Images are numbered 1, 2, ... by stem,",
                "annotations 1, 2, ... in output order.",
                "",
                MaskInputOptions.NAMING,
                ""},
        footer = {"",
                "Errors (unreadable image or mask, size mismatch, unknown pixel value or",
                "category) stop the run with one line naming the file; the output is written",
                "to a temp file and renamed at the end, so a failed run leaves none."})
final class MasksToCocoCommand implements Callable<Integer> {

    @Option(names = "--masks", required = true, paramLabel = "DIR", description = "Folder of mask files.")
    Path masks;

    @Option(names = "--out", required = true, paramLabel = "OUT.json", description = "COCO file to write.")
    Path out;

    @Option(names = "--format", paramLabel = "polygon|rle", defaultValue = "polygon",
            description = "Segmentation format (default: polygon).")
    String format;

    @Option(names = "--simplify", paramLabel = "EPS", defaultValue = "0",
            description = "Polygons: simplify each contour as cv2.approxPolyDP(contour, EPS, True) (default 0: exact).")
    double simplify;

    @Mixin
    MaskInputOptions input;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        MasksToCoco.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "polygon", "polygons" -> MasksToCoco.Format.POLYGON;
            case "rle" -> MasksToCoco.Format.RLE;
            default -> throw new IllegalArgumentException("--format is '" + format + "'; expected polygon or rle");
        };
        StderrProgress progress = new StderrProgress("masks to-coco");
        MasksToCoco.Summary s = new MasksToCoco(new MasksToCoco.Options(input.toOptions(masks), f, simplify, threads),
                progress).convert(out);
        progress.finish();
        System.out.printf(Locale.ROOT, "masks to-coco: %d images, %d mask files (%d empty), %d objects (%d polygons,"
                        + " %d RLE: %d with holes, %d thin), %d below min-area, %.2f s, %.0f masks/s -> %s%n",
                s.images(), s.maskFiles(), s.emptyMasks(), s.objects(), s.polygons(), s.rle(), s.withHoles(), s.thin(),
                s.belowMinArea(), s.seconds(), s.masksPerSecond(), out);
        return 0;
    }
}
