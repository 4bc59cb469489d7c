package dev.segpack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --images DIR} (picocli mixin): the folder the images of a COCO file are read from, by file_name. */
final class ImagesFolderOption {

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder holding the images' file_name.")
    Path dir;
}
