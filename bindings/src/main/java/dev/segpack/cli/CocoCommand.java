package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack coco …}: commands on COCO JSON files. */
@Command(name = "coco", description = "COCO JSON: convert segmentations, build datasets.",
        mixinStandardHelpOptions = true, subcommands = {CocoRleCommand.class, CocoInfoCommand.class, CocoPackH5Command.class,
                CocoExportCommand.class, CocoEvalCommand.class, CocoShowCommand.class})
final class CocoCommand {
}
