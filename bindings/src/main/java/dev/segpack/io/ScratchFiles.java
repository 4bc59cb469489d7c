package dev.segpack.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The scratch files segpack keeps beside an output while it is being written (the temp file of an
 * {@link AtomicOutput}, spill files). Each is named {@code .<target>.segpack-<pid>-<random>.<kind>},
 * so a user recognises it and a later run can tell whose it is, and is registered until it is
 * deleted: a shutdown hook removes what is still registered, so SIGINT, SIGTERM and SIGHUP (which run
 * shutdown hooks) leave nothing behind. What a killed run (SIGKILL, power loss) left is removed by
 * the next run writing the same target, once its process is gone.
 */
public final class ScratchFiles {

    private static final String MARK = ".segpack-";
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchFiles::deleteAll, "segpack-scratch-cleanup"));
    }

    private ScratchFiles() {
    }

    /** A new empty scratch file beside {@code target} (an absolute path), registered for deletion. */
    public static Path create(Path target, String kind) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path dir = target.getParent();
        while (true) {
            Path path = dir.resolve(prefix(target) + pid + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "." + kind);
            LIVE.add(path);
            try {
                return Files.createFile(path);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                LIVE.remove(path);
            } catch (IOException | RuntimeException e) {
                LIVE.remove(path);
                throw e;
            }
        }
    }

    /** Deletes a scratch file (if it is still there) and forgets it. */
    public static void delete(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            LIVE.remove(path);
        }
    }

    /** Forgets a scratch file that has been renamed into place. */
    static void committed(Path path) {
        LIVE.remove(path);
    }

    /**
     * Removes the scratch files of {@code target} that runs no longer alive left behind (a killed
     * run cannot clean up after itself); another live run's files are left alone.
     */
    public static void removeStale(Path target) throws IOException {
        String prefix = prefix(target);
        deleteStale(stale(target.getParent(), prefix).get(prefix));
    }

    /**
     * The scratch files in {@code dir} whose names start with {@code namePrefix} that runs no longer alive
     * left behind, by the prefix naming their target ({@link #prefix}). With the prefix ".", every target's:
     * one listing of the folder, for writers of many outputs in it ({@link AtomicOutput.Batch}), where a
     * listing per output would cost the square of the folder's size.
     */
    static Map<String, List<Path>> stale(Path dir, String namePrefix) throws IOException {
        Map<String, List<Path>> found = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, e -> {
            String name = e.getFileName().toString();
            return name.startsWith(namePrefix) && name.contains(MARK);
        })) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int end = name.lastIndexOf(MARK) + MARK.length();
                long owner = ownerPid(name.substring(end));
                if (owner > 0 && owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).isEmpty()) {
                    found.computeIfAbsent(name.substring(0, end), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        return found;
    }

    /** Deletes the stale scratch files {@link #stale} found, if any (none is registered: no run of ours made them). */
    static void deleteStale(List<Path> stale) throws IOException {
        if (stale != null) {
            for (Path path : stale) {
                Files.deleteIfExists(path);
            }
        }
    }

    static String prefix(Path target) {
        return "." + target.getFileName() + MARK;
    }

    /** The pid at the start of {@code <pid>-<random>.<kind>}, or -1 if the name is not one of ours. */
    private static long ownerPid(String rest) {
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest, 0, dash, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteAll() {
        for (Path path : LIVE) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the JVM is exiting: nothing useful can be done about one file that cannot be deleted
            }
        }
    }
}
