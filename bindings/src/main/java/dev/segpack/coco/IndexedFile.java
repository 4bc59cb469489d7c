package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The file under a {@link CocoIndex}, kept open so that the values the index only located are read
 * back by their byte ranges when a consumer asks for them.
 */
final class IndexedFile implements AutoCloseable {

    final Path path;
    final FileChannel channel;

    IndexedFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** The bytes [start, end) of the file. */
    byte[] read(long start, long end) {
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        read(start, end, bytes);
        return bytes;
    }

    /** Reads the bytes [start, end) of the file into {@code into[0, end − start)}. */
    void read(long start, long end, byte[] into) {
        ByteBuffer buf = ByteBuffer.wrap(into, 0, Math.toIntExact(end - start));
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, start + buf.position()) < 0) {
                    throw new IOException("file ended at " + (start + buf.position()) + "; was it changed after loading?");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Copies the bytes [start, end) of the file to {@code out}, a block at a time. */
    void copy(long start, long end, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 16, Math.max(1, end - start)));
        for (long at = start; at < end; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException(path + ": file ended at " + at + "; was it changed after loading?");
            }
            out.write(buf.array(), 0, n);
            at += n;
        }
    }

    /** A Jackson parser over the bytes [start, end); its byte offsets count from {@code start}. */
    JsonParser parser(long start, long end) throws IOException {
        return Json.parser(read(start, end));
    }

    /**
     * The loader checked the values it only located for brackets and strings (see
     * {@link JsonScanner#skipDeferredValue}); the rest of the JSON grammar is checked when a value is
     * parsed from its bytes, and a failure is reported here, with its place in the file.
     */
    CocoFormatException invalidJson(long valueStart, JacksonException e, String item) {
        if (e.getLocation() == null) {
            return new CocoFormatException(path + ": not valid JSON in " + item + ": " + Json.problem(e), e);
        }
        long offset = valueStart + Math.max(0, e.getLocation().getByteOffset());
        return new CocoFormatException(path + ": not valid JSON at " + JsonInputException.lineAndColumn(channel, offset)
                + " (byte offset " + offset + "), in " + item + ": " + Json.problem(e), e);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
