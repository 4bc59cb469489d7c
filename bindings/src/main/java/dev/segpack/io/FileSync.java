package dev.segpack.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Flushes written files to disk, many at once: an fsync each ({@link FileChannel#force}), up to {@value #AT_ONCE}
 * at a time. Fsyncs issued together share the file system's journal commits; one after another, each waits for a
 * commit of its own (milliseconds apiece on a busy disk).
 */
final class FileSync {

    private static final int AT_ONCE = 16;

    private FileSync() {
    }

    /** Returns once every one of {@code files} (written and closed) is on disk. */
    static void sync(Collection<Path> files) throws IOException {
        if (files.size() <= 1) {
            for (Path file : files) {
                force(file);
            }
            return;
        }
        try (Workers workers = new Workers(Math.min(files.size(), AT_ONCE))) {
            List<Future<Void>> flushed = new ArrayList<>(files.size());
            for (Path file : files) {
                flushed.add(workers.submit(() -> {
                    force(file);
                    return null;
                }));
            }
            for (Future<Void> f : flushed) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing files to disk", e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
