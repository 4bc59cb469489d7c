package dev.segpack.cli;

import dev.segpack.coco.CocoRleConverter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segpack coco rle}: every segmentation to compressed RLE, as COCO.annToRLE gives it. */
@Command(name = "rle", mixinStandardHelpOptions = true,
        description = {"Rewrite a COCO annotation file with every segmentation (polygons, uncompressed or",
                "compressed RLE) as compressed RLE {\"size\":[h,w],\"counts\":\"...\"}, exactly as",
                "pycocotools' COCO.annToRLE gives it. Every other field is kept as it was, in order."})
final class CocoRleCommand implements Callable<Integer> {

    @Option(names = "--ann", required = true, paramLabel = "IN.json", description = "COCO annotation file to read.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT.json",
            description = "File to write (via a temp file renamed at the end; nothing is left on failure).")
    Path out;

    @Option(names = "--recompute", description = "Set area to the mask area (integer) and bbox to the mask's toBbox.")
    boolean recompute;

    @Option(names = "--skip-invalid",
            description = "Report and leave out annotations with a missing image or a malformed segmentation"
                    + " (default: stop with an error naming the annotation).")
    boolean skipInvalid;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        CocoRleConverter.Summary s = new CocoRleConverter(
                        new CocoRleConverter.Options(recompute, skipInvalid, threads),
                        new StderrProgress("coco rle"), message -> System.err.println("segpack coco rle: " + message))
                .convert(in, out);
        System.out.printf("coco rle: %d annotations (%d polygons, %d uncompressed RLE, %d compressed RLE), %d crowd,"
                        + " %d invalid, %.2f s -> %s%n",
                s.annotations(), s.polygons(), s.uncompressed(), s.compressed(), s.crowd(), s.invalid(), s.seconds(), out);
        return 0;
    }
}
