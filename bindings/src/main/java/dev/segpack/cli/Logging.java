package dev.segpack.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one logger setup of the command line. segpack's System.Logger messages and those of libraries
 * that use java.util.logging (jhdf logs through slf4j-nop, which drops everything) end up in the root
 * logger; its one handler prints warnings and errors as single {@code segpack: warning: ...} lines on
 * stderr, and with {@code -v} everything down to debug messages, with stack traces.
 */
final class Logging {

    private static final Handler STDERR = new Handler() {
        // formatMessage only: a SimpleFormatter would also set up its date format
        private final Formatter messages = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            Level level = record.getLevel();
            String kind = level.intValue() >= Level.SEVERE.intValue() ? "error"
                    : level.intValue() >= Level.WARNING.intValue() ? "warning"
                    : level.intValue() >= Level.INFO.intValue() ? "info" : "debug";
            StringBuilder line = new StringBuilder("segpack: ").append(kind).append(": ")
                    .append(messages.formatMessage(record).strip().replaceAll("\\s*\\R\\s*", " "));
            if (record.getThrown() != null && getLevel().intValue() < Level.WARNING.intValue()) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().strip());
            }
            // System.err as it is now: tests capture it per run
            System.err.println(line);
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
        }
    };

    private Logging() {
    }

    /** Routes every logger to the one stderr handler: warnings and errors only, or with {@code verbose} all. */
    static void install(boolean verbose) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h != STDERR) {
                root.removeHandler(h);
            }
        }
        Level level = verbose ? Level.FINE : Level.WARNING;
        STDERR.setLevel(level);
        root.setLevel(level);
        if (root.getHandlers().length == 0) {
            root.addHandler(STDERR);
        }
    }
}
