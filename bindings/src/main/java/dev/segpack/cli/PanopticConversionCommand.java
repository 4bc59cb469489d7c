package dev.segpack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that reads a panoptic dataset (PNGs + JSON) and converts it; each subclass says into what. */
abstract class PanopticConversionCommand implements Callable<Integer> {

    private final String task;

    @Mixin
    PanopticInputOptions input;

    @Mixin
    ThreadsOption threads;

    PanopticConversionCommand(String task) {
        this.task = task;
    }

    /** Converts {@link #input} and returns the summary printed after {@code "panoptic <command>: "}. */
    abstract String convert(StderrProgress progress) throws Exception;

    @Override
    public final Integer call() throws Exception {
        return Conversion.runAndPrint(task, this::convert);
    }
}
