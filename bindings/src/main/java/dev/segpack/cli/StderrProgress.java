package dev.segpack.cli;

import dev.segpack.io.Progress;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr for runs that take a while: nothing for the first {@value #QUIET_SECONDS} seconds
 * (a short run prints only its summary), then how far, how fast and how long still, e.g.
 * {@code "coco pack-h5: 45% (36 of 79 images), 21.3 images/s, ETA 2 s"}. On a terminal that is one
 * line rewritten in place at most 4 times a second; elsewhere (a log, a pipe) a plain line every
 * {@value #LOG_INTERVAL_SECONDS} seconds.
 */
final class StderrProgress implements Progress {

    static final long QUIET_SECONDS = 2;
    static final long LOG_INTERVAL_SECONDS = 10;
    private static final long SECOND = 1_000_000_000L;
    private static final long REDRAW = SECOND / 4;

    private final String task;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final PrintStream err;
    private final long started;
    /** When the next line may be printed. */
    private long nextPrint;
    /** Length of the line now on the terminal, so that a shorter one blanks out its tail. */
    private int onScreen;

    StderrProgress(String task) {
        this(task, stderrIsATerminal(), System::nanoTime, System.err);
    }

    StderrProgress(String task, boolean terminal, LongSupplier nanoTime, PrintStream err) {
        this.task = task;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.err = err;
        this.started = nanoTime.getAsLong();
        this.nextPrint = started + QUIET_SECONDS * SECOND;
    }

    /** The console is a terminal only when both standard streams are; the nearest to asking about stderr. */
    private static boolean stderrIsATerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public synchronized void update(long done, long total, String unit) {
        long now = nanoTime.getAsLong();
        if (now < nextPrint || (total > 0 && done >= total)) {
            return; // the summary line says how the run ended
        }
        nextPrint = now + (terminal ? REDRAW : LOG_INTERVAL_SECONDS * SECOND);
        String line = line(done, total, unit, (now - started) / (double) SECOND);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, onScreen - line.length())));
            err.flush();
            onScreen = line.length();
        } else {
            err.println(line);
        }
    }

    /** {@code "TASK: 45% (36 of 79 images), 21.3 images/s, ETA 2 s"}; bytes in MB; no ETA without a total. */
    String line(long done, long total, String unit, double seconds) {
        boolean bytes = unit.equals("bytes");
        double rate = done / Math.max(seconds, 1e-9);
        String amount = bytes ? String.format(Locale.ROOT, "%.1f", done / 1e6) : Long.toString(done);
        String speed = bytes ? String.format(Locale.ROOT, "%.1f MB/s", rate / 1e6)
                : String.format(Locale.ROOT, "%.1f %s/s", rate, unit);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s: %s %s, %s", task, amount, bytes ? "MB" : unit, speed);
        }
        String of = bytes ? String.format(Locale.ROOT, "%.1f MB", total / 1e6) : total + " " + unit;
        String eta = rate > 0 ? ", ETA " + duration((total - done) / rate) : "";
        return String.format(Locale.ROOT, "%s: %d%% (%s of %s), %s%s", task, done * 100 / total, amount, of, speed, eta);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** Prints a warning of the run on stderr, as {@code segpack TASK: message}, below the progress line. */
    synchronized void warn(String message) {
        clear();
        err.println("segpack " + task + ": " + message);
    }

    /** Clears the in-place line so that the summary is not printed after it. */
    synchronized void finish() {
        clear();
    }

    private void clear() {
        if (onScreen > 0) {
            err.print("\r" + " ".repeat(onScreen) + "\r");
            err.flush();
            onScreen = 0;
        }
    }
}
