package dev.segpack.poseh5;

import dev.segpack.io.ScratchFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;

/**
 * An append-only scratch file holding dataset bytes until the HDF5 file is laid out. jhdf writes
 * the whole file when it is closed, so pixel bytes parked here (not on the heap) keep a writer's
 * memory independent of the number of images; at close they are copied file-to-file into place.
 * Not thread-safe: the writer serialises calls.
 */
final class SpillFile implements AutoCloseable {

    /** Bytes of the spill file holding one dataset's stored (possibly deflated) bytes. */
    record Region(long offset, long length) {}

    private static final int DEFLATE_OUTPUT_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private long end;
    private ByteBuffer deflateOutput;
    private Deflater deflater;
    private boolean discarded;

    private SpillFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** The spill file at {@code path} (an empty scratch file of the output), deleted again by {@link #close()}. */
    static SpillFile open(Path path) throws IOException {
        try {
            return new SpillFile(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            ScratchFiles.delete(path);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Appends {@code bytes} verbatim. */
    Region append(MemorySegment bytes) throws IOException {
        long offset = end;
        writeFully(bytes.asByteBuffer(), offset);
        end = offset + bytes.byteSize();
        return new Region(offset, bytes.byteSize());
    }

    /** Appends the zlib stream of {@code bytes} at {@code level}: the HDF5 deflate filter's encoding. */
    Region appendDeflated(MemorySegment bytes, int level) throws IOException {
        if (deflater == null) {
            deflater = new Deflater(level);
            deflateOutput = ByteBuffer.allocateDirect(DEFLATE_OUTPUT_BYTES);
        } else {
            deflater.reset();
            deflater.setLevel(level);
        }
        long offset = end;
        long position = offset;
        deflater.setInput(bytes.asByteBuffer());
        deflater.finish();
        while (!deflater.finished()) {
            deflateOutput.clear();
            deflater.deflate(deflateOutput);
            deflateOutput.flip();
            position += writeFully(deflateOutput, position);
        }
        end = position;
        return new Region(offset, position - offset);
    }

    /**
     * Copies {@code region} to {@code target} at {@code targetPosition} (file-to-file, so the bytes
     * need not pass through the Java heap) and leaves {@code target} positioned after it.
     */
    void copyTo(Region region, FileChannel target, long targetPosition) {
        try {
            target.position(targetPosition);
            if (discarded) {
                target.position(targetPosition + region.length());
                return;
            }
            long copied = 0;
            while (copied < region.length()) {
                long n = channel.transferTo(region.offset() + copied, region.length() - copied, target);
                if (n <= 0) {
                    throw new IOException("spill file " + path + " ended before offset "
                            + (region.offset() + region.length()));
                }
                copied += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying spilled dataset bytes from " + path, e);
        }
    }

    /** Makes later copies skip their bytes: the file being laid out will be thrown away. */
    void discard() {
        discarded = true;
    }

    private int writeFully(ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        if (deflater != null) {
            deflater.end();
        }
        try {
            channel.close();
        } finally {
            ScratchFiles.delete(path);
        }
    }
}
