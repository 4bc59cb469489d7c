package dev.segpack.cli;

import dev.segpack.coco.CocoRleConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack coco rle}: every segmentation to compressed RLE, as COCO.annToRLE gives it. */
@Command(name = "rle", mixinStandardHelpOptions = true,
        description = {"Rewrite a COCO annotation file with every segmentation as compressed RLE.",
                "Polygons, uncompressed and compressed RLE become {\"size\":[h,w],\"counts\":\"...\"}, exactly as"
                        + " pycocotools' COCO.annToRLE gives them. Every other field is kept as it was, in order."})
final class CocoRleCommand extends ConversionCommand {

    @Mixin
    AnnotationFileOption in;

    @Mixin
    OutputFileOption out;

    @Option(names = "--recompute", description = "Set area to the mask area (integer) and bbox to the mask's toBbox.")
    boolean recompute;

    @Option(names = "--skip-invalid",
            description = "Report and leave out annotations with a missing image or a malformed segmentation"
                    + " (default: stop with an error naming the annotation).")
    boolean skipInvalid;

    @Override
    String convert(StderrProgress progress) throws Exception {
        return new CocoRleConverter(
                new CocoRleConverter.Options(recompute, skipInvalid, threads.count()), progress, progress::warn)
                .convert(in.file, out.file).line(out.file);
    }
}
