package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JSON file mapped read-only, parsed by Jackson's streaming parser, whose values can be copied
 * out byte for byte by their offsets (so fields segpack does not change are written back exactly).
 */
final class JsonSource implements AutoCloseable {


    final Path path;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment bytes;

    JsonSource(Path path) {
        this.path = path;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            bytes = ch.size() == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    long size() {
        return bytes.byteSize();
    }

    /** A new parser over the whole file; byte offsets of its locations index {@link #text}. */
    JsonParser parser() throws IOException {
        return Json.FACTORY.createParser(new SegmentInputStream(bytes));
    }

    /** The file's bytes [start, end) as text. */
    String text(long start, long end) {
        byte[] b = new byte[Math.toIntExact(end - start)];
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, start, b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Reads a segment as a stream without copying it to the heap first. */
    private static final class SegmentInputStream extends InputStream {
        private final MemorySegment segment;
        private long position;

        SegmentInputStream(MemorySegment segment) {
            this.segment = segment;
        }

        @Override
        public int read() {
            return position < segment.byteSize() ? segment.get(ValueLayout.JAVA_BYTE, position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = segment.byteSize() - position;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, b, off, n);
            position += n;
            return n;
        }
    }
}
