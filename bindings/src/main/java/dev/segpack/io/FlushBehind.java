package dev.segpack.io;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file being written whose data starts for the disk while the run goes on: each time another
 * {@link #STRIDE} bytes are written, a thread of its own flushes what is written so far
 * ({@link FileChannel#force}), so that the commit's fsync ({@link AtomicOutput#commit}) finds little left.
 * Without it, all of a large output's write-back came at the end of a run, on one thread, while the
 * other cores had nothing to do: 35-50 ms for 97 MB, and it grows with the file. A failed flush is
 * thrown by the next {@link #written} or by {@link #close}, so an error the disk reported is never lost
 * (a later fsync through another descriptor need not report it again). Called by one writing thread.
 */
public final class FlushBehind implements AutoCloseable {

    /** Bytes written between flushes. */
    public static final long STRIDE = 16L << 20;

    private final FileChannel channel;
    /** The output the file becomes (what a user named), for messages. */
    private final Path output;
    private final long stride;
    private long written;
    private long flushedAt;
    /** The flush under way, or the last one (null before the first). */
    private Thread flusher;
    private volatile IOException failure;

    /**
     * Flushes {@code channel}, a file open for writing, every {@link #STRIDE} bytes; failures name
     * {@code output}, the path it becomes.
     */
    public FlushBehind(FileChannel channel, Path output) {
        this(channel, output, STRIDE);
    }

    FlushBehind(FileChannel channel, Path output, long stride) {
        this.channel = channel;
        this.output = output;
        this.stride = stride;
    }

    /** Counts {@code bytes} more written; starts a flush where a stride is complete and none is under way. */
    public void written(long bytes) throws IOException {
        throwFailure();
        written += bytes;
        if (written - flushedAt >= stride && (flusher == null || !flusher.isAlive())) {
            flushedAt = written;
            flusher = Thread.ofPlatform().daemon().name("segpack-flush-behind").start(this::flush);
        }
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            // closed while flushing: the commit flushes what is written
        } catch (IOException e) {
            failure = e;
        }
    }

    private void throwFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException(output + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the flush under way (call it before closing the channel) and throws what a flush failed with. */
    @Override
    public void close() throws IOException {
        if (flusher != null) {
            Futures.join(flusher);
        }
        throwFailure();
    }
}
