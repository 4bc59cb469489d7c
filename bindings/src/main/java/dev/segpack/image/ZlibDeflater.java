package dev.segpack.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Whole-buffer zlib compression of a PNG's image data, the counterpart of {@link ZlibInflater}: libdeflate
 * (Debian package libdeflate0) through FFM when it loads, else java.util.zip. Both at level {@value #LEVEL}, zlib's
 * default, which on label images gives files a little smaller than Pillow's; libdeflate is several times faster.
 */
@SuppressWarnings("restricted") // binding a native library is what this class is for; the JVM runs with --enable-native-access
final class ZlibDeflater {

    static final int LEVEL = 6;
    private static final long WINDOW = 1L << 30;

    private ZlibDeflater() {
    }

    private static final class Libdeflate {
        static final MethodHandle ALLOC;
        static final MethodHandle BOUND;
        static final MethodHandle COMPRESS;
        static final MethodHandle FREE;

        static {
            MethodHandle alloc = null, bound = null, compress = null, free = null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup("libdeflate.so.0", Arena.global());
                alloc = linker.downcallHandle(lib.find("libdeflate_alloc_compressor").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                bound = linker.downcallHandle(lib.find("libdeflate_zlib_compress_bound").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                compress = linker.downcallHandle(lib.find("libdeflate_zlib_compress").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                free = linker.downcallHandle(lib.find("libdeflate_free_compressor").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            } catch (RuntimeException | LinkageError e) {
                alloc = null; // not installed: java.util.zip does the work
            }
            ALLOC = alloc;
            BOUND = bound;
            COMPRESS = compress;
            FREE = free;
        }
    }

    /** Whether libdeflate is in use. */
    static boolean isNative() {
        return Libdeflate.ALLOC != null;
    }

    /** The zlib stream of {@code in}, allocated in {@code arena}. */
    static MemorySegment deflate(MemorySegment in, Arena arena) {
        return Libdeflate.ALLOC != null ? deflateNative(in, arena) : deflateJava(in, arena);
    }

    static MemorySegment deflateNative(MemorySegment in, Arena arena) {
        try {
            MemorySegment c = (MemorySegment) Libdeflate.ALLOC.invokeExact(LEVEL);
            if (c.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("libdeflate could not allocate a compressor");
            }
            try {
                MemorySegment out = arena.allocate((long) Libdeflate.BOUND.invokeExact(c, in.byteSize()));
                long n = (long) Libdeflate.COMPRESS.invokeExact(c, in, in.byteSize(), out, out.byteSize());
                if (n == 0) {
                    throw new IllegalStateException("libdeflate_zlib_compress overran its own bound");
                }
                return out.asSlice(0, n);
            } finally {
                Libdeflate.FREE.invokeExact(c);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static MemorySegment deflateJava(MemorySegment in, Arena arena) {
        long n = in.byteSize();
        // zlib's compressBound plus the stream header and checksum
        MemorySegment out = arena.allocate(n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + 6);
        Deflater deflater = new Deflater(LEVEL);
        try {
            long read = 0;
            long written = 0;
            // ByteBuffer views are int-indexed: both sides move through windows
            while (!deflater.finished()) {
                if (deflater.needsInput() && read < n) {
                    long chunk = Math.min(WINDOW, n - read);
                    deflater.setInput(in.asSlice(read, chunk).asByteBuffer());
                    read += chunk;
                    if (read == n) {
                        deflater.finish();
                    }
                } else if (n == 0) {
                    deflater.finish();
                }
                if (written == out.byteSize()) {
                    throw new IllegalStateException("java.util.zip overran zlib's compressBound");
                }
                ByteBuffer window = out.asSlice(written, Math.min(WINDOW, out.byteSize() - written)).asByteBuffer();
                written += deflater.deflate(window);
            }
            return out.asSlice(0, written);
        } finally {
            deflater.end();
        }
    }
}
