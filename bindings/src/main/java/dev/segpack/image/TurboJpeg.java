package dev.segpack.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles into libjpeg-turbo's TurboJPEG 2.x C API (Debian package libturbojpeg0,
 * libturbojpeg.so.0). Loaded once per JVM; {@link #library()} throws when it cannot be loaded and
 * {@link #unavailableReason()} says why. The handles themselves are stateless and thread-safe; a
 * tjhandle is not, so each {@link TurboJpegDecoder} owns one.
 */
@SuppressWarnings("restricted") // binding a native library is what this class is for; the JVM runs with --enable-native-access
final class TurboJpeg {

    /** System property naming the library file to load instead of the default search. */
    static final String LIBRARY_PROPERTY = "segpack.turbojpeg.library";
    static final int TJPF_BGR = 1;
    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    static final int TJERR_WARNING = 0;

    private static final List<String> DEFAULT_NAMES = List.of("libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib");

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup lookup;
    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle destroy;
    /** Bound on the first failure: each handle costs milliseconds of a short run (a class spun at run time). */
    private volatile ErrorCalls errorCalls;

    private record ErrorCalls(MethodHandle getErrorStr2, MethodHandle getErrorCode) {
    }

    private TurboJpeg(SymbolLookup lookup) {
        this.lookup = lookup;
        // jpegSize is a C unsigned long, which these handles pass as a Java long: LP64 platforms only.
        if (linker.canonicalLayouts().get("long").byteSize() != Long.BYTES) {
            throw new IllegalStateException("C long is not 64-bit on this platform");
        }
        ValueLayout cLong = JAVA_LONG;
        initDecompress = handle(linker, lookup, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        decompressHeader3 = handle(linker, lookup, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, cLong, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress2 = handle(linker, lookup, "tjDecompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, cLong, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        destroy = handle(linker, lookup, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // the error calls are checked now, so a library lacking them is refused before any decoding
        symbol(lookup, "tjGetErrorStr2");
        symbol(lookup, "tjGetErrorCode");
    }

    private ErrorCalls errorCalls() {
        ErrorCalls calls = errorCalls;
        if (calls == null) {
            synchronized (this) {
                calls = errorCalls;
                if (calls == null) {
                    calls = new ErrorCalls(
                            handle(linker, lookup, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS)),
                            handle(linker, lookup, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, ADDRESS)));
                    errorCalls = calls;
                }
            }
        }
        return calls;
    }

    private static final class Holder {
        static final TurboJpeg LIBRARY;
        static final String FAILURE;

        static {
            TurboJpeg library = null;
            String failure = null;
            try {
                library = new TurboJpeg(openLibrary());
            } catch (RuntimeException | LinkageError e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            LIBRARY = library;
            FAILURE = failure;
        }
    }

    /** The loaded library; throws {@link IllegalStateException} naming the reason when it is unavailable. */
    static TurboJpeg library() {
        if (Holder.LIBRARY == null) {
            throw new IllegalStateException("libturbojpeg is unavailable: " + Holder.FAILURE);
        }
        return Holder.LIBRARY;
    }

    /** Why the library could not be loaded, or null when it is loaded. */
    static String unavailableReason() {
        return Holder.FAILURE;
    }

    private static SymbolLookup openLibrary() {
        String explicit = System.getProperty(LIBRARY_PROPERTY);
        List<String> names = explicit != null && !explicit.isBlank() ? List.of(explicit) : DEFAULT_NAMES;
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("cannot load " + String.join("; ", failures)
                + " (install Debian package libturbojpeg0)");
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(symbol(lookup, name), descriptor);
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(
                () -> new NoSuchElementException("libturbojpeg has no symbol " + name + " (TurboJPEG 2.0 or newer is required)"));
    }

    /** A new decompressor instance; NULL when the library could not allocate one. */
    MemorySegment initDecompress() {
        try {
            return (MemorySegment) initDecompress.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int decompressHeader3(MemorySegment handle, MemorySegment jpeg, MemorySegment widthHeightSubsampColorspace) {
        MemorySegment out = widthHeightSubsampColorspace;
        try {
            return (int) decompressHeader3.invokeExact(handle, jpeg, jpeg.byteSize(),
                    out, out.asSlice(4), out.asSlice(8), out.asSlice(12));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int decompress2(MemorySegment handle, MemorySegment jpeg, MemorySegment dst, int width, int pitch, int height,
                    int pixelFormat, int flags) {
        try {
            return (int) decompress2.invokeExact(handle, jpeg, jpeg.byteSize(), dst, width, pitch, height,
                    pixelFormat, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void destroy(MemorySegment handle) {
        try {
            int ignored = (int) destroy.invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The message of the last error on {@code handle} (the string is owned by the library). */
    String errorString(MemorySegment handle) {
        try {
            MemorySegment message = (MemorySegment) errorCalls().getErrorStr2().invokeExact(handle);
            return message.equals(MemorySegment.NULL) ? "unknown error" : message.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@link #TJERR_WARNING} when the last failure on {@code handle} was a recoverable data warning. */
    int errorCode(MemorySegment handle) {
        try {
            return (int) errorCalls().getErrorCode().invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
