package dev.segpack.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flushes written files to disk, many at once: on Linux one {@code syncfs(2)} per file system they are on (through
 * FFM: an fsync per file costs a journal commit each, milliseconds apiece), elsewhere, or when that fails, an fsync
 * ({@link FileChannel#force}) per file.
 */
@SuppressWarnings("restricted") // calling libc is what this class is for; the JVM runs with --enable-native-access
final class FileSync {

    private static final int O_RDONLY_CLOEXEC = 0x80000; // O_RDONLY (0) | O_CLOEXEC on Linux

    private static final class Libc {
        static final MethodHandle OPEN;
        static final MethodHandle SYNCFS;
        static final MethodHandle CLOSE;

        static {
            MethodHandle open = null, syncfs = null, close = null;
            if (System.getProperty("os.name", "").startsWith("Linux")) {
                try {
                    Linker linker = Linker.nativeLinker();
                    SymbolLookup libc = linker.defaultLookup();
                    open = linker.downcallHandle(libc.find("open").orElseThrow(), FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                            Linker.Option.firstVariadicArg(2));
                    syncfs = linker.downcallHandle(libc.find("syncfs").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                    close = linker.downcallHandle(libc.find("close").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                } catch (RuntimeException | LinkageError e) {
                    syncfs = null; // no syncfs: an fsync per file
                }
            }
            OPEN = open;
            SYNCFS = syncfs;
            CLOSE = close;
        }
    }

    private FileSync() {
    }

    /** Returns once every one of {@code files} (written and closed) is on disk. */
    static void sync(Collection<Path> files) throws IOException {
        Map<Object, List<Path>> byFileSystem = new LinkedHashMap<>();
        for (Path file : files) {
            Object device = Libc.SYNCFS == null ? file : Files.getAttribute(file, "unix:dev");
            byFileSystem.computeIfAbsent(device, d -> new ArrayList<>()).add(file);
        }
        for (List<Path> group : byFileSystem.values()) {
            if (!syncFileSystemOf(group.getFirst())) {
                for (Path file : group) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
    }

    /** syncfs on the file system holding {@code file}; false when there is none or it failed. */
    private static boolean syncFileSystemOf(Path file) {
        if (Libc.SYNCFS == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) Libc.OPEN.invokeExact(arena.allocateFrom(file.toString()), O_RDONLY_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            int synced = (int) Libc.SYNCFS.invokeExact(fd);
            int closed = (int) Libc.CLOSE.invokeExact(fd);
            return synced == 0 && closed == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
