package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads an image file as cv2.imread(path, IMREAD_COLOR) would: BGR, uint8, h×w×3, EXIF orientation
 * applied. The format is taken from the file's first bytes, not its name: JPEG and PNG are supported.
 *
 * <p>An instance keeps one {@link JpegDecoder} (native state) and is not thread-safe: open one per
 * thread and close it. {@link #readBgr(Path, Arena)} opens and closes one per call, so it is safe from
 * any thread.
 */
public final class ImageDecoder implements AutoCloseable {

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final JpegDecoder jpeg;

    private ImageDecoder(JpegDecoder jpeg) {
        this.jpeg = jpeg;
    }

    /** A decoder using the JPEG backend {@link JpegDecoder#open()} picks. */
    public static ImageDecoder open() {
        return new ImageDecoder(JpegDecoder.open());
    }

    public static ImageDecoder open(JpegBackend backend) {
        return new ImageDecoder(JpegDecoder.open(backend));
    }

    /** One-shot decode of {@code path} into {@code arena}; thread-safe. */
    public static Image readBgr(Path path, Arena arena) throws IOException {
        try (ImageDecoder decoder = open()) {
            return decoder.decodeBgr(path, arena);
        }
    }

    public JpegBackend jpegBackend() {
        return jpeg.backend();
    }

    /** Decodes {@code path} into a new BGR image allocated in {@code arena}. */
    public Image decodeBgr(Path path, Arena arena) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("cannot decode " + path + ": it is a directory");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(PNG_MAGIC.length);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // a short read is retried until the magic is in or the file ends
            }
            byte[] magic = Arrays.copyOf(head.array(), head.position());
            if (startsWith(magic, JPEG_MAGIC)) {
                try (Arena scratch = Arena.ofConfined()) {
                    return jpeg.decodeBgr(readAll(channel, path, scratch), arena, path.toString());
                }
            }
            if (startsWith(magic, PNG_MAGIC)) {
                return PngFile.readBgr(path, arena);
            }
            throw new IOException("cannot decode " + path + ": not a JPEG or PNG file (first bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(magic) + ")");
        } catch (NoSuchFileException e) {
            throw new IOException("cannot decode " + path + ": no such file", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot decode " + path + ": " + e.getClass().getSimpleName()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"), e);
        }
    }

    /** The whole file in native memory (libjpeg-turbo reads it there without a copy). */
    private static MemorySegment readAll(FileChannel channel, Path path, Arena arena) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("cannot decode " + path + ": " + size + " bytes is larger than any supported JPEG");
        }
        MemorySegment bytes = arena.allocate(Math.max(1, size));
        ByteBuffer buffer = bytes.asByteBuffer().limit((int) size);
        long position = 0;
        int read;
        while (buffer.hasRemaining() && (read = channel.read(buffer, position)) >= 0) {
            position += read;
        }
        return bytes.asSlice(0, position);
    }

    @Override
    public void close() {
        jpeg.close();
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
