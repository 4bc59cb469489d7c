package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * An image file read into native memory in one go, and its kind, taken from its first bytes (not its
 * name). Every decoder works from these bytes, so a file is opened once however many questions are
 * asked of it (kind, header, pixels).
 */
public record ImageFile(Path path, MemorySegment bytes, Kind kind) {

    public enum Kind { PNG, JPEG }

    /**
     * Where a reader of many image files gets each one: the file system ({@link #FILES}), or bytes
     * something else fetched (a Spark task's file source rows).
     */
    @FunctionalInterface
    public interface Source {
        /**
         * The file at {@code path}: its bytes stay valid until this source's next call, or longer (as long as
         * {@code arena}, when they are read into it).
         */
        ImageFile open(Path path, Arena arena) throws IOException;
    }

    /** Files read from the file system into the caller's arena ({@link #read}); thread-safe. */
    public static final Source FILES = ImageFile::read;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    /** One read call moves at most this much (a ByteBuffer view is int-indexed). */
    private static final long READ_CHUNK = 1L << 30;

    /** Reads {@code path} into {@code arena}; a file that is neither PNG nor JPEG is an error naming it. */
    public static ImageFile read(Path path, Arena arena) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("cannot decode " + path + ": "
                    + (Files.isDirectory(path) ? "it is a directory" : Files.exists(path) ? "not a regular file" : "no such file"));
        }
        MemorySegment bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            bytes = readAll(channel, arena);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot decode " + path + ": no such file", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot decode " + path + ": " + e.getClass().getSimpleName()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"), e);
        }
        return of(path, bytes);
    }

    /**
     * The file {@code path} whose bytes (in native memory, which the JPEG decoder needs) are {@code bytes};
     * neither PNG nor JPEG is an error naming it.
     */
    public static ImageFile of(Path path, MemorySegment bytes) throws IOException {
        if (startsWith(bytes, PNG_MAGIC)) {
            return new ImageFile(path, bytes, Kind.PNG);
        }
        if (startsWith(bytes, JPEG_MAGIC)) {
            return new ImageFile(path, bytes, Kind.JPEG);
        }
        byte[] head = bytes.asSlice(0, Math.min(bytes.byteSize(), PNG_MAGIC.length)).toArray(ValueLayout.JAVA_BYTE);
        throw new IOException("cannot decode " + path + ": not a JPEG or PNG file (first bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head) + ")");
    }

    /** The source name decoders put in their error messages. */
    public String source() {
        return path.toString();
    }

    private static MemorySegment readAll(FileChannel channel, Arena arena) throws IOException {
        long size = channel.size();
        MemorySegment bytes = arena.allocate(Math.max(1, size), 64);
        long position = 0;
        while (position < size) {
            ByteBuffer window = bytes.asSlice(position, Math.min(size - position, READ_CHUNK)).asByteBuffer();
            int read = channel.read(window, position);
            if (read < 0) {
                break; // the file shrank while being read: what was there is what gets decoded
            }
            position += read;
        }
        return bytes.asSlice(0, position);
    }

    private static boolean startsWith(MemorySegment bytes, byte[] magic) {
        if (bytes.byteSize() < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes.get(ValueLayout.JAVA_BYTE, i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
