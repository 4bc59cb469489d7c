package dev.segpack.cli;

import dev.segpack.dataset.CocoExporter;
import dev.segpack.dataset.CocoTask;
import dev.segpack.dataset.SegmentationMode;
import dev.segpack.maskimg.MaskImageReader;
import dev.segpack.maskimg.MaskImportOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
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
        long start = System.nanoTime();
        boolean polygons = switch (format.toLowerCase(Locale.ROOT)) {
            case "polygon", "polygons" -> true;
            case "rle" -> false;
            default -> throw new IllegalArgumentException("--format is '" + format + "'; expected polygon or rle");
        };
        MaskImportOptions options = input.toOptions(masks);
        StderrProgress progress = new StderrProgress("masks to-coco");
        MaskImageReader.Counts c;
        try (MaskImageReader reader = new MaskImageReader(options, polygons, simplify, threads)) {
            new CocoExporter(new CocoExporter.Options(Set.of(CocoTask.INSTANCES), SegmentationMode.GUESS, false, false,
                    false, threads), progress, warning -> System.err.println("segpack masks to-coco: " + warning))
                    .exportPlainInstances(reader, out);
            c = reader.counts();
        }
        progress.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "masks to-coco: %d images, %d mask files (%d empty), %d objects (%d polygons,"
                        + " %d RLE: %d with holes, %d thin), %d below min-area, %.2f s, %.0f masks/s -> %s%n",
                c.images(), c.maskFiles(), c.emptyMasks(), c.objects(), c.polygons(), c.objects() - c.polygons(),
                c.withHoles(), c.thin(), c.belowMinArea(), seconds, seconds > 0 ? c.maskFiles() / seconds : 0, out);
        return 0;
    }
}
