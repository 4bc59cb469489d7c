package dev.segpack.cli;

import dev.segpack.coco.CocoRleConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code segpack coco rle}: every segmentation to compressed RLE, as COCO.annToRLE gives it. */
@Command(name = "rle", mixinStandardHelpOptions = true,
        description = {"Rewrite a COCO annotation file with every segmentation as compressed RLE.",
                "Polygons, uncompressed and compressed RLE become {\"size\":[h,w],\"counts\":\"...\"}, exactly as"
                        + " pycocotools' COCO.annToRLE gives them. Every other field is kept as it was, in order."})
final class CocoRleCommand extends ConversionCommand {

    @Mixin
    CocoRleOptions options;

    @Override
    String convert(StderrProgress progress) throws Exception {
        return new CocoRleConverter(options.converterOptions(threads.count()), progress, progress::warn)
                .convert(options.in(), options.out()).line(options.out());
    }
}
