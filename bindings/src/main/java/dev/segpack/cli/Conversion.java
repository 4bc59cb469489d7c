package dev.segpack.cli;

/** What a converting command does: convert, reporting progress, and return its one-line summary. */
@FunctionalInterface
interface Conversion {

    String run(StderrProgress progress) throws Exception;

    /**
     * Runs {@code conversion} with progress on stderr, then prints {@code "TASK: summary"} on stdout.
     * Returns the command's exit code, 0 (a failure throws).
     */
    static int runAndPrint(String task, Conversion conversion) throws Exception {
        StderrProgress progress = new StderrProgress(task);
        String summary = conversion.run(progress);
        progress.finish();
        System.out.println(task + ": " + summary);
        return 0;
    }
}
