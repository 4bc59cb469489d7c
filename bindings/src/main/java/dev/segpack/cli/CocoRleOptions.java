package dev.segpack.cli;

import dev.segpack.coco.CocoRleConverter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code coco rle} (picocli mixin), shared with its Spark job. */
public final class CocoRleOptions {

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

    /** The annotation file to read. */
    public Path in() {
        return in.file;
    }

    /** The file to write. */
    public Path out() {
        return out.file;
    }

    /** The converter's options for a run on {@code threads} threads. */
    public CocoRleConverter.Options converterOptions(int threads) {
        return new CocoRleConverter.Options(recompute, skipInvalid, threads);
    }
}
