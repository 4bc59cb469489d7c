package dev.segpack.coco;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * The input under {@link JsonScanner}: a file (or a channel, or an array) read in chunks into one
 * buffer, reused, so memory does not grow with the file. Bytes before {@link #pos} are done with; a
 * token cut by the end of the buffer is scanned again once more input has been read after it.
 */
abstract class JsonInput {

    /**
     * Bytes kept after the buffer's capacity, never read into: an 8-byte word may be loaded at any
     * position before {@code limit} (see {@link JsonKeys#matchQuoted}).
     */
    static final int SLACK = 16;
    /** What a token scan returns when the token runs past the bytes read so far. */
    static final int NEED_MORE = -1;

    /** Read from its current position, or (when null) {@link #file} at {@code base + limit}. */
    private final ReadableByteChannel in;
    private final FileChannel file;
    byte[] buf;
    /** Next byte to read; nothing before it is needed any more. */
    int pos;
    /** End of the bytes read into {@link #buf}. */
    int limit;
    /** Input offset of {@code buf[0]}. */
    long base;
    boolean eof;

    /** Reads {@code in} from its current position, {@code chunk} bytes at a time. */
    JsonInput(ReadableByteChannel in, int chunk) {
        this.in = in;
        this.file = null;
        this.buf = new byte[Math.max(1, chunk) + SLACK];
    }

    /**
     * Reads {@code file} from byte {@code offset} on, {@code chunk} bytes at a time, by positional
     * reads (the channel's position is left alone); offsets are the file's.
     */
    JsonInput(FileChannel file, long offset, int chunk) {
        this.in = null;
        this.file = file;
        this.base = offset;
        this.buf = new byte[Math.max(1, chunk) + SLACK];
    }

    /**
     * Reads {@code padded[0, length)}, all of which is the input, in place: {@code padded} has at least
     * {@link #SLACK} bytes more, whatever they hold, which reads of a word at a time may touch.
     */
    JsonInput(byte[] padded, int length) {
        if (length < 0 || padded.length - SLACK < length) {
            throw new IllegalArgumentException("an input of " + length + " bytes needs " + SLACK + " more after it, in "
                    + padded.length);
        }
        this.in = null;
        this.file = null;
        this.buf = padded;
        this.limit = length;
        this.eof = true;
    }

    /** Reads {@code content[from, from + length)}, all of which is the input; offsets count from {@code from}. */
    JsonInput(byte[] content, int from, int length) {
        this.in = null;
        this.file = null;
        this.buf = Arrays.copyOfRange(content, from, from + length + SLACK);
        this.limit = length;
        this.eof = true;
    }

    /** Input offset just after the last byte consumed. */
    final long offset() {
        return base + pos;
    }

    /**
     * Goes back to input offset {@code offset}, which must still be in the buffer (all of an array
     * input always is), to read a value again another way.
     */
    final void rewind(long offset) {
        if (offset < base || offset > base + limit) {
            throw new IllegalArgumentException("offset " + offset + " is no longer in the buffer");
        }
        pos = (int) (offset - base);
    }

    /**
     * Moves the bytes from {@code pos} on to the front of the buffer (doubling it when they fill it)
     * and reads more after them; false at the end of the input.
     */
    final boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == capacity()) {
            buf = Arrays.copyOf(buf, 2 * capacity() + SLACK);
        }
        try {
            int n;
            do {
                ByteBuffer into = ByteBuffer.wrap(buf, limit, capacity() - limit);
                n = in != null ? in.read(into) : file.read(into, base + limit);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading at byte " + (base + limit) + ": " + e.getMessage(), e);
        }
    }

    final int capacity() {
        return buf.length - SLACK;
    }

    /**
     * Makes sure the next {@code bytes} bytes (at most half the buffer) are in the buffer, unless the
     * input ends first. Readers call it before each item of a table, so that the tokens of ordinary
     * items never run into the end of the buffer: the code for that case then stays cold, and the JIT
     * does not compile the hot loops without it only to throw them away when the first chunk ends.
     */
    final void readAhead(int bytes) {
        int want = Math.min(bytes, capacity() / 2);
        while (limit - pos < want && fill()) {
            // fill reads what the channel gives; loop until enough
        }
    }

    /** A syntax error at {@code buf[at]}: what was expected there and what was found. */
    final JsonInputException syntax(int at, String expected) {
        return new JsonInputException(true, base + at, expected + ", found " + describeByte(at));
    }

    private String describeByte(int at) {
        if (at >= limit) {
            return "the end of the file";
        }
        int c = buf[at] & 0xff;
        return c > ' ' && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }

    /** At {@code i}, where a token needs more: NEED_MORE if the input goes on past the buffer, else the error. */
    final int needMore(int i, String expected) {
        if (i >= limit && !eof) {
            return NEED_MORE;
        }
        throw syntax(i, expected);
    }
}
