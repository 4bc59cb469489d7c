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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file written in full or not at all: content goes to a scratch file beside the target, which
 * {@link #commit()} renames over the target; closing without committing deletes it, so a failed or
 * interrupted run leaves neither a half-written target nor debris (see {@link ScratchFiles}).
 *
 * <p>The target must be absent or a regular file, checked when the output is opened, before any
 * work: renaming over a device, FIFO or directory would replace it (as root, {@code --out /dev/null}
 * would turn the device into a file). A symbolic link is followed and its regular target replaced,
 * not the link.
 *
 * <p>Many outputs can be made durable together ({@link Batch}): each is written, then handed to the batch, which
 * flushes them all to disk at once and only then renames each over its target.
 */
public final class AtomicOutput implements AutoCloseable {

    private static final int MAX_LINKS = 40;

    private final Path target;
    private final Path temp;
    private final List<Path> scratch = new ArrayList<>();
    private boolean committed;
    private boolean handedOver;

    public AtomicOutput(Path target) throws IOException {
        this(target, null);
    }

    /**
     * An output that will be committed in {@code batch} ({@link #commitIn}): the batch lists each folder once for
     * what killed runs left there, not once per output. {@code null}: an output of its own.
     */
    public AtomicOutput(Path target, Batch batch) throws IOException {
        this.target = writableTarget(target);
        Path parent = this.target.getParent();
        if (!Files.isDirectory(parent)) { // (createDirectories on a folder that exists fails a mkdir and throws inside)
            Files.createDirectories(parent);
        }
        if (batch == null) {
            ScratchFiles.removeStale(this.target);
        } else {
            batch.removeStale(this.target);
        }
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

    /**
     * The temp file as a stream, from its start (a second call writes it again from the start), its data
     * flushed to disk behind the writer ({@link WriteBehindStream}) so that {@link #commit()} has little left.
     */
    public OutputStream stream() throws IOException {
        return new WriteBehindStream(temp, target, FlushBehind.STRIDE);
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
        moveIntoPlace();
    }

    /**
     * Hands the temp file, written in full, to {@code batch}: it becomes the target when the batch commits, and is
     * deleted if the batch closes first. Closing this output leaves it alone.
     */
    public void commitIn(Batch batch) {
        batch.add(this);
        handedOver = true;
    }

    /** Renames the temp file, on disk, over the target (atomically where the file system can). */
    private void moveIntoPlace() throws IOException {
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
        if (!committed && !handedOver) {
            ScratchFiles.delete(temp);
        }
    }

    /**
     * Outputs made durable together: each written and handed over ({@link AtomicOutput#commitIn}); {@link #commit()}
     * flushes all of them to disk at once (their fsyncs issued together share journal commits: one fsync after
     * another costs milliseconds each), each renamed over its target as soon as it is on disk. Outputs can be handed
     * over while a commit runs (they wait for the next one), so that writers go on while the disk catches up. Closing
     * deletes the temp files of outputs not committed, so a failed or interrupted run leaves their targets as they
     * were. Thread-safe.
     */
    public static final class Batch implements AutoCloseable {

        /** Guarded by this; a commit takes the outputs at its head. */
        private final ArrayDeque<AtomicOutput> written = new ArrayDeque<>();
        /** Held by a commit, and by close, for their whole run. */
        private final Object committing = new Object();
        /** What killed runs left in each folder an output of this batch went to (guarded by itself). */
        private final Map<Path, Map<String, List<Path>>> staleByFolder = new HashMap<>();

        /** Removes what killed runs left of {@code target}: its folder is listed at its first output. */
        private void removeStale(Path target) throws IOException {
            List<Path> stale;
            synchronized (staleByFolder) {
                Map<String, List<Path>> inFolder = staleByFolder.get(target.getParent());
                if (inFolder == null) {
                    inFolder = ScratchFiles.stale(target.getParent(), ".");
                    staleByFolder.put(target.getParent(), inFolder);
                }
                stale = inFolder.remove(ScratchFiles.prefix(target));
            }
            ScratchFiles.deleteStale(stale);
        }

        /** The number of outputs handed over and not yet committed. */
        public synchronized int size() {
            return written.size();
        }

        private synchronized void add(AtomicOutput output) {
            written.add(output);
        }

        /**
         * Flushes every output handed over before this call to disk and renames each over its target once it is
         * there.
         */
        public void commit() throws IOException {
            synchronized (committing) {
                List<AtomicOutput> outputs;
                synchronized (this) {
                    outputs = new ArrayList<>(written);
                }
                FileSync.sync(outputs, output -> output.temp, AtomicOutput::moveIntoPlace);
                synchronized (this) {
                    for (int i = 0; i < outputs.size(); i++) {
                        written.removeFirst();
                    }
                }
            }
        }

        /** Deletes the temp files of the outputs not committed. */
        @Override
        public void close() throws IOException {
            synchronized (committing) {
                synchronized (this) {
                    while (!written.isEmpty()) {
                        ScratchFiles.delete(written.removeFirst().temp); // (gone if a failed commit renamed it)
                    }
                }
            }
        }
    }
}
