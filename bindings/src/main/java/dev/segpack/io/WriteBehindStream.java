package dev.segpack.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An {@link AtomicOutput}'s temp file written from its start, whose data starts for the disk while the
 * run goes on: each time another {@code stride} bytes are written, a thread of its own flushes what is
 * written so far ({@link FileChannel#force}), so that the commit's flush finds little left to do.
 * Without it, all of a large output's write-back came at the end of a run, on one thread, while the
 * other cores had nothing to do: 35-50 ms for 97 MB, and it grows with the file. A failed flush is
 * thrown by the next write, or by close, so an error the disk reported is never lost (a later fsync
 * through another descriptor need not report it again). Not thread-safe, as streams are not.
 */
final class WriteBehindStream extends OutputStream {

    private final Path path;
    private final FileChannel channel;
    private final long stride;
    private long written;
    private long flushedAt;
    /** The flush under way, or the last one (null before the first). */
    private Thread flusher;
    private volatile IOException failure;

    /** Writes {@code path} from its start (truncating it), flushing behind every {@code stride} bytes. */
    WriteBehindStream(Path path, long stride) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.stride = stride;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        throwFailure();
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += len;
        if (written - flushedAt >= stride && (flusher == null || !flusher.isAlive())) {
            flushedAt = written;
            flusher = Thread.ofPlatform().daemon().name("segpack-write-behind").start(this::flushBehind);
        }
    }

    private void flushBehind() {
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
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the flush under way, closes the file, and throws what a flush behind failed with. */
    @Override
    public void close() throws IOException {
        boolean interrupted = false;
        while (flusher != null && flusher.isAlive()) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        channel.close();
        throwFailure();
    }
}
