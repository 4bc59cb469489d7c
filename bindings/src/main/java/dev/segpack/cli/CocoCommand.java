package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack coco …}: commands on COCO JSON files. */
@Command(name = "coco", description = "COCO JSON: convert segmentations, build datasets.",
        mixinStandardHelpOptions = true)
final class CocoCommand {
}
