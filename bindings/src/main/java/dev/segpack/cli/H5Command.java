package dev.segpack.cli;

import picocli.CommandLine.Command;

/** {@code segpack h5 …}: commands on person-pose HDF5 datasets. */
@Command(name = "h5", description = "Person-pose HDF5 datasets: inspect and preview.",
        mixinStandardHelpOptions = true)
final class H5Command {
}
