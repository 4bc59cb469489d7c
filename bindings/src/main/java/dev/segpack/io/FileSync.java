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
import java.util.function.Function;

/**
 * Flushes written files to disk, many at once: an fsync each ({@link FileChannel#force}), up to {@value #AT_ONCE}
 * at a time, each file followed by what is to be done with it once it is on disk. Fsyncs issued together share the
 * file system's journal commits; one after another, each waits for a commit of its own (milliseconds apiece on a
 * busy disk).
 */
final class FileSync {

    private static final int AT_ONCE = 16;

    /** What is done with a file once it is on disk. */
    interface Then<T> {
        void accept(T item) throws IOException;
    }

    private FileSync() {
    }

    /**
     * Flushes the file of each of {@code items} (written and closed) to disk and then passes the item to
     * {@code then}; returns once every item is done, or throws the first failure.
     */
    static <T> void sync(Collection<T> items, Function<T, Path> file, Then<T> then) throws IOException {
        if (items.size() <= 1) {
            for (T item : items) {
                force(file.apply(item));
                then.accept(item);
            }
            return;
        }
        try (Workers workers = new Workers(Math.min(items.size(), AT_ONCE))) {
            List<Future<Void>> done = new ArrayList<>(items.size());
            for (T item : items) {
                done.add(workers.submit(() -> {
                    force(file.apply(item));
                    then.accept(item);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
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
