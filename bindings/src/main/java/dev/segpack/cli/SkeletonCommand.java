package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack skeleton …}: commands on PYSKL skeleton annotation pickles. */
@Command(name = "skeleton", description = "PYSKL skeleton pickles: inspect, convert, decompress, draw pose heatmaps.",
        mixinStandardHelpOptions = true)
final class SkeletonCommand {
}
