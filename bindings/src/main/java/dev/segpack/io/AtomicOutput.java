package dev.segpack.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A file written in full or not at all: content goes to a scratch file beside the target, which
 * {@link #commit()} renames over the target; closing without committing deletes it, so a failed or
 * interrupted run leaves neither a half-written target nor debris (see {@link ScratchFiles}).
 *
 * <p>The target must be absent or a regular file, checked when the output is opened, before any
 * work: renaming over a device, FIFO or directory would replace it (as root, {@code --out /dev/null}
 * would turn the device into a file). A symbolic link is followed and its regular target replaced,
 * not the link.
 */
public final class AtomicOutput implements AutoCloseable {

    private static final int MAX_LINKS = 40;

    private final Path target;
    private final Path temp;
    private final List<Path> scratch = new ArrayList<>();
    private boolean committed;

    public AtomicOutput(Path target) throws IOException {
        this.target = writableTarget(target);
        Files.createDirectories(this.target.getParent());
        ScratchFiles.removeStale(this.target);
        this.temp = ScratchFiles.create(this.target, "partial");
    }

    /**
     * The path a write to {@code requested} replaces: the absolute path with symbolic links followed.
     * Refuses a target that exists and is not a regular file, and a link chain that loops.
     */
    public static Path writableTarget(Path requested) throws IOException {
        Path path = requested.toAbsolutePath().normalize();
        for (int links = 0; Files.isSymbolicLink(path); links++) {
            if (links == MAX_LINKS) {
                throw new OutputPathException(requested, "is a loop of symbolic links");
            }
            path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
        }
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return path;
        }
        if (existing.isDirectory()) {
            throw new OutputPathException(requested, "is a directory");
        }
        if (!existing.isRegularFile()) {
            throw new OutputPathException(requested, "is not a regular file (a device, FIFO or socket)");
        }
        return path;
    }

    public Path target() {
        return target;
    }

    /** The temp file to write; it becomes the target on {@link #commit()}. */
    public Path temp() {
        return temp;
    }

    public OutputStream stream() throws IOException {
        return Files.newOutputStream(temp);
    }

    /**
     * A further scratch file beside the target (e.g. a spill file), named like the temp file and
     * deleted when this output is closed, committed or not.
     */
    public Path scratch(String kind) throws IOException {
        Path path = ScratchFiles.create(target, kind);
        scratch.add(path);
        return path;
    }

    /** Flushes the temp file to disk and renames it over the target (atomically where the file system can). */
    public void commit() throws IOException {
        try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        ScratchFiles.committed(temp);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        for (Path path : scratch) {
            ScratchFiles.delete(path);
        }
        if (!committed) {
            ScratchFiles.delete(temp);
        }
    }
}
