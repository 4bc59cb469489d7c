package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack panoptic …}: COCO panoptic PNG + JSON conversions (panopticapi's converters). */
@Command(name = "panoptic", description = "COCO panoptic: convert to/from detection JSON, extract semantic PNGs.",
        mixinStandardHelpOptions = true)
final class PanopticCommand {
}
