package dev.segpack.skeleton;

import java.io.IOException;
import java.io.InputStream;
import net.razorvine.pickle.PickleException;

/** The pickle's bytes, counted, so that a length can be checked against what is left before it is allocated. */
final class PickleInput extends InputStream {
    private final InputStream in;
    /** The pickle's size in bytes. */
    final long size;
    /** Bytes read so far. */
    long position;
    /** The first byte (PROTO for protocols 2 to 5), -1 before it is read. */
    int first = -1;
    /** Whether a read met the end, or a length ran past it. */
    boolean ended;

    PickleInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            ended = true;
            return b;
        }
        if (position++ == 0) {
            first = b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
            return n;
        }
        if (position == 0 && n > 0) {
            first = buffer[offset] & 0xff;
        }
        position += n;
        return n;
    }

    long uint32() throws IOException {
        byte[] b = bytes(4);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    long int64() throws IOException {
        byte[] b = bytes(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xffL);
        }
        return v;
    }

    /** {@code n} bytes, refused at once when the file does not have that many left. */
    byte[] bytes(long n) throws IOException {
        if (n < 0 || n > size - position) {
            ended = n >= 0 && position + n > size;
            throw new PickleException("a length of " + Long.toUnsignedString(n) + " bytes runs past the end of the file ("
                    + (size - position) + " bytes left)");
        }
        byte[] out = new byte[(int) n];
        for (int done = 0; done < n; ) {
            int got = read(out, done, (int) n - done);
            if (got < 0) {
                throw new IOException("premature end of file");
            }
            done += got;
        }
        return out;
    }
}
