package dev.segpack.poseh5;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.Deflater;

/**
 * The datasets' stored bytes, appended to the HDF5 file being written as the images come, from the end of
 * its superblock on. jhdf lays out the object headers only when the file is closed; they then go after
 * these bytes and point back at them ({@link PrewrittenDataset}), so that the pixels are written once (they
 * used to wait in a scratch file and be copied into place at close, which cost a long run a quarter of
 * its CPU). The channel is the writer's: not closed here. Not thread-safe: the writer serialises calls.
 */
final class DatasetBytes implements AutoCloseable {

    /** Bytes of the file holding one dataset's stored (possibly deflated) bytes. */
    record Region(long offset, long length) {}

    private static final int DEFLATE_OUTPUT_BYTES = 1 << 20;

    private final FileChannel channel;
    private long end;
    private ByteBuffer deflateOutput;
    private Deflater deflater;

    /** Appends to {@code channel} from {@code start} on. */
    DatasetBytes(FileChannel channel, long start) {
        this.channel = channel;
        this.end = start;
    }

    /** Where the next bytes go: the end of the last dataset's. */
    long end() {
        return end;
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

    private int writeFully(ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }

    /** Frees the deflater; the channel stays open. */
    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
    }
}
