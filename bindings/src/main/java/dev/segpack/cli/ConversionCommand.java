package dev.segpack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that converts on worker threads with progress on stderr and then prints one summary line,
 * {@code "TASK: summary"}, on stdout, TASK being the command's name under {@code segpack} (e.g. "coco rle");
 * each subclass says what it converts.
 */
abstract class ConversionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ThreadsOption threads;

    /** Converts, reporting to {@code progress}; returns the summary printed after {@code "TASK: "}. */
    abstract String convert(StderrProgress progress) throws Exception;

    @Override
    public final Integer call() throws Exception {
        String task = spec.qualifiedName().substring(spec.root().name().length() + 1);
        StderrProgress progress = new StderrProgress(task);
        String summary = convert(progress);
        progress.finish();
        System.out.println(task + ": " + summary);
        return 0;
    }
}
