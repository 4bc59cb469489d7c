package dev.segpack.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Whole-buffer zlib compression, the counterpart of {@link ZlibInflater}: a PNG's image data, an HDF5 dataset's
 * deflate-filtered bytes. libdeflate (Debian package libdeflate0) through FFM when it loads, else java.util.zip,
 * at one of the levels 0..9 both take (libdeflate several times faster; its stream differs from zlib's, and
 * inflates to the same bytes). One compressor, reused for every buffer until closed; not thread-safe.
 */
public final class ZlibDeflater implements AutoCloseable {

    /** zlib's default, at which PNG files are written: on label images a little smaller than Pillow's files. */
    public static final int DEFAULT_LEVEL = 6;
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

    /** A deflater at {@code level} (0..9), using libdeflate when it is installed. */
    public ZlibDeflater(int level) {
        this(level, isNative());
    }

    ZlibDeflater(int level, boolean useLibdeflate) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("zlib level " + level + " is not in 0..9");
        }
        if (useLibdeflate) {
            try {
                compressor = (MemorySegment) Native.LIB.alloc().invokeExact(level);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (compressor.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("libdeflate could not allocate a compressor");
            }
            deflater = null;
        } else {
            compressor = null;
            deflater = new Deflater(level);
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
    public static long bound(long n) {
        return n + n / 1000 + 64;
    }

    /** Compresses {@code in} into {@code out} (at least {@link #bound} bytes); returns the stream's length. */
    public long deflate(MemorySegment in, MemorySegment out) {
        if (out.byteSize() < bound(in.byteSize())) {
            throw new IllegalArgumentException("output of " + out.byteSize() + " bytes is below the bound "
                    + bound(in.byteSize()));
        }
        return compressor != null ? deflateNative(in, out) : deflateJava(in, out);
    }

    private long deflateNative(MemorySegment in, MemorySegment out) {
        if (!in.isNative() || !out.isNative()) {
            // libdeflate reads and writes native memory only: a heap side goes through a native copy
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment nativeOut = out.isNative() ? out : arena.allocate(out.byteSize());
                long n = deflateNative(in.isNative() ? in : arena.allocate(in.byteSize()).copyFrom(in), nativeOut);
                if (nativeOut != out) {
                    MemorySegment.copy(nativeOut, 0, out, 0, n);
                }
                return n;
            }
        }
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
