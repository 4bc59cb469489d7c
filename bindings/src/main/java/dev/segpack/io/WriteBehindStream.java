package dev.segpack.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An {@link AtomicOutput}'s temp file written from its start, flushed to disk behind the writer
 * ({@link FlushBehind}). Not thread-safe, as streams are not.
 */
final class WriteBehindStream extends OutputStream {

    private final FileChannel channel;
    private final FlushBehind flushes;

    /**
     * Writes {@code temp} from its start (truncating it), flushing behind every {@code stride} bytes;
     * failures name {@code output}, the path it becomes.
     */
    WriteBehindStream(Path temp, Path output, long stride) throws IOException {
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.flushes = new FlushBehind(channel, output, stride);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        flushes.written(len);
    }

    /** Waits for the flush under way, closes the file, and throws what a flush behind failed with. */
    @Override
    public void close() throws IOException {
        try (channel) {
            flushes.close();
        }
    }
}
