package dev.segpack.poseh5;

import dev.segpack.image.ZlibDeflater;
import dev.segpack.io.FlushBehind;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The datasets' stored bytes, appended to the HDF5 file being written as the images come, from the end of
 * its superblock on. jhdf lays out the object headers only when the file is closed; they then go after
 * these bytes and point back at them ({@link PrewrittenDataset}), so that the pixels are written once (they
 * used to wait in a scratch file and be copied into place at close, which cost a long run a quarter of
 * its CPU). With HDF5's deflate filter a dataset's bytes are its zlib stream, written by the one
 * {@link ZlibDeflater} (libdeflate when installed). They are flushed to disk behind the writer
 * ({@link FlushBehind}), so that the commit's fsync finds little left. The channel is the writer's: not
 * closed here. Not thread-safe: the writer serialises calls.
 */
final class DatasetBytes implements AutoCloseable {

    /** Bytes of the file holding one dataset's stored (possibly deflated) bytes. */
    record Region(long offset, long length) {}

    private final FileChannel channel;
    private final FlushBehind flushes;
    /** Null where datasets are stored as they are. */
    private final ZlibDeflater deflater;
    /** The deflated bytes of the dataset being appended, grown to the largest bound yet. */
    private final Arena arena;
    private MemorySegment deflated = MemorySegment.NULL;
    private long end;

    /**
     * Appends to {@code channel} (the file that becomes {@code output}) from {@code start} on, each dataset
     * stored as {@code compression} says.
     */
    DatasetBytes(FileChannel channel, Path output, long start, H5Compression compression) {
        this.channel = channel;
        this.flushes = new FlushBehind(channel, output);
        this.end = start;
        this.deflater = compression.gzip() ? new ZlibDeflater(compression.level()) : null;
        this.arena = compression.gzip() ? Arena.ofShared() : null;
    }

    /** Where the next bytes go: the end of the last dataset's. */
    long end() {
        return end;
    }

    /** Appends the stored form of {@code bytes}: themselves, or their zlib stream (the HDF5 deflate filter's encoding). */
    Region append(MemorySegment bytes) throws IOException {
        MemorySegment stored = bytes;
        if (deflater != null) {
            long bound = ZlibDeflater.bound(bytes.byteSize());
            if (deflated.byteSize() < bound) {
                deflated = arena.allocate(bound, 64);
            }
            stored = deflated.asSlice(0, deflater.deflate(bytes, deflated));
        }
        long offset = end;
        ByteBuffer buffer = stored.asByteBuffer();
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
        end = offset + stored.byteSize();
        flushes.written(stored.byteSize());
        return new Region(offset, stored.byteSize());
    }

    /**
     * Waits for the flush under way and frees the deflater and its buffer; the channel stays open. Throws what
     * a flush behind failed with.
     */
    @Override
    public void close() throws IOException {
        try (flushes) {
            if (deflater != null) {
                try (arena) {
                    deflater.close();
                }
            }
        }
    }
}
