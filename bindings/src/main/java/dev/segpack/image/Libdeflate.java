package dev.segpack.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The three libdeflate functions (Debian package libdeflate0) one side of {@link ZlibDeflater} or {@link ZlibInflater}
 * calls through FFM: allocate a compressor or decompressor, run it on a whole buffer, free it.
 */
@SuppressWarnings("restricted") // binding a native library is what this class is for; the JVM runs with --enable-native-access
record Libdeflate(MethodHandle alloc, MethodHandle run, MethodHandle free) {

    /** The functions of these names ({@code free} takes the one pointer); null where libdeflate does not load. */
    static Libdeflate link(String alloc, FunctionDescriptor allocType, String run, FunctionDescriptor runType, String free) {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup("libdeflate.so.0", Arena.global());
            return new Libdeflate(linker.downcallHandle(lib.find(alloc).orElseThrow(), allocType),
                    linker.downcallHandle(lib.find(run).orElseThrow(), runType),
                    linker.downcallHandle(lib.find(free).orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)));
        } catch (RuntimeException | LinkageError e) {
            return null; // not installed: java.util.zip does the work
        }
    }
}
