package dev.segpack.cli;

import dev.segpack.io.Progress;

/**
 * Progress on stderr for runs that take a while: nothing for the first second, then on a terminal one
 * line rewritten in place at most 4 times a second, elsewhere a line per 10 %.
 */
final class StderrProgress implements Progress {

    private final String task;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastPrinted;
    private long lastTenth = -1;
    private boolean printed;

    StderrProgress(String task) {
        this.task = task;
    }

    @Override
    public synchronized void update(long done, long total, String unit) {
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L) {
            return;
        }
        String line = total > 0
                ? String.format("%s: %3d%% (%s of %s %s)", task, done * 100 / total, done, total, unit)
                : String.format("%s: %d %s", task, done, unit);
        if (terminal) {
            if (now - lastPrinted > 250_000_000L || done == total) {
                System.err.print("\r" + line);
                lastPrinted = now;
                printed = true;
                if (done == total) {
                    finish();
                }
            }
        } else if (total > 0 && done * 10 / total != lastTenth) {
            lastTenth = done * 10 / total;
            System.err.println(line);
        }
    }

    /** Prints a warning of the run on stderr, as {@code segpack TASK: message}. */
    void warn(String message) {
        System.err.println("segpack " + task + ": " + message);
    }

    /** Ends the in-place line so the summary starts on a line of its own. */
    synchronized void finish() {
        if (terminal && printed) {
            System.err.println();
            printed = false;
        }
    }
}
