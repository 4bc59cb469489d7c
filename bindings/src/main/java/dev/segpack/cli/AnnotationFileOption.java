package dev.segpack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --ann IN.json} (picocli mixin): the COCO annotation file a command reads. */
final class AnnotationFileOption {

    @Option(names = "--ann", required = true, paramLabel = "IN.json", description = "COCO annotation file to read.")
    Path file;
}
