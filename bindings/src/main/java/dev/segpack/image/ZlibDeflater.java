package dev.segpack.image;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Whole-buffer zlib compression of a PNG's image data, the counterpart of {@link ZlibInflater}: libdeflate (Debian
 * package libdeflate0) through FFM when it loads, else java.util.zip, both at level {@value #LEVEL} (zlib's
 * default; on label images a little smaller than Pillow's files, and libdeflate several times faster). One
 * compressor, reused for every buffer until closed; not thread-safe.
 */
final class ZlibDeflater implements AutoCloseable {

    static final int LEVEL = 6;
    private static final long WINDOW = 1L << 30;

    /** libdeflate's compressor, linked on first use; null where it is not installed. */
    private static final class Native {
        static final Libdeflate LIB = Libdeflate.link("libdeflate_alloc_compressor",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT), "libdeflate_zlib_compress",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                "libdeflate_free_compressor");
    }

    private final MemorySegment compressor;
    private final Deflater deflater;

    /** A deflater using libdeflate when it is installed. */
    ZlibDeflater() {
        this(isNative());
    }

    ZlibDeflater(boolean useLibdeflate) {
        if (useLibdeflate) {
            try {
                compressor = (MemorySegment) Native.LIB.alloc().invokeExact(LEVEL);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (compressor.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("libdeflate could not allocate a compressor");
            }
            deflater = null;
        } else {
            compressor = null;
            deflater = new Deflater(LEVEL);
        }
    }

    /** Whether libdeflate is installed. */
    static boolean isNative() {
        return Native.LIB != null;
    }

    /**
     * The most a zlib stream of n bytes takes, whichever library writes it: libdeflate's bound (5 bytes per block
     * of at least 5000, 9 of padding) and zlib's compressBound, plus the 6 bytes of zlib header and checksum.
     */
    static long bound(long n) {
        return n + n / 1000 + 64;
    }

    /** Compresses {@code in} into {@code out} (at least {@link #bound} bytes); returns the stream's length. */
    long deflate(MemorySegment in, MemorySegment out) {
        if (out.byteSize() < bound(in.byteSize())) {
            throw new IllegalArgumentException("output of " + out.byteSize() + " bytes is below the bound "
                    + bound(in.byteSize()));
        }
        return compressor != null ? deflateNative(in, out) : deflateJava(in, out);
    }

    private long deflateNative(MemorySegment in, MemorySegment out) {
        long n;
        try {
            n = (long) Native.LIB.run().invokeExact(compressor, in, in.byteSize(), out, out.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (n == 0) {
            throw new IllegalStateException("libdeflate_zlib_compress overran the bound");
        }
        return n;
    }

    private long deflateJava(MemorySegment in, MemorySegment out) {
        deflater.reset();
        long n = in.byteSize();
        long read = 0;
        long written = 0;
        if (n == 0) {
            deflater.finish();
        }
        // ByteBuffer views are int-indexed: both sides move through windows
        while (!deflater.finished()) {
            if (deflater.needsInput() && read < n) {
                long chunk = Math.min(WINDOW, n - read);
                deflater.setInput(in.asSlice(read, chunk).asByteBuffer());
                read += chunk;
                if (read == n) {
                    deflater.finish();
                }
            }
            if (written == out.byteSize()) {
                throw new IllegalStateException("java.util.zip overran the bound");
            }
            written += deflater.deflate(out.asSlice(written, Math.min(WINDOW, out.byteSize() - written)).asByteBuffer());
        }
        return written;
    }

    @Override
    public void close() {
        if (compressor != null) {
            try {
                Native.LIB.free().invokeExact(compressor);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        } else {
            deflater.end();
        }
    }
}
