package dev.segpack.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written in full or not at all: content goes to a temp file beside the target, which
 * {@link #commit()} renames over the target; closing without committing deletes the temp file, so a
 * failed run leaves neither a half-written target nor debris.
 */
public final class AtomicOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private boolean committed;

    public AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".partial");
        // createTempFile makes the file private (0600); the output is an ordinary file others may read
        if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
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
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
