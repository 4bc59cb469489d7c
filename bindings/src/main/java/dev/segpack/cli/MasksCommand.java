package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack masks …}: commands on mask images. */
@Command(name = "masks", description = "Mask images (binary PNG/JPEG per object, or multi-valued maps): convert to COCO.",
        mixinStandardHelpOptions = true)
final class MasksCommand {
}
