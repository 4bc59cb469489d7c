package dev.segpack.maskimg;

import dev.segpack.image.JpegDecoder;
import dev.segpack.image.JpegHeader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/** What kind of image a file is (by its first bytes, not its name) and its size from the header alone. */
final class ImageFiles {

    enum Format { PNG, JPEG }

    /** A PNG's IHDR: size, bit depth and colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA). */
    record PngHeader(int h, int w, int bitDepth, int colourType) {
        boolean indexed() {
            return colourType == 3;
        }
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageFiles() {
    }

    static Format format(Path path) throws IOException {
        byte[] head = head(path, 8);
        if (startsWith(head, PNG_MAGIC)) {
            return Format.PNG;
        }
        if (startsWith(head, JPEG_MAGIC)) {
            return Format.JPEG;
        }
        throw new IOException("cannot read " + path + ": not a PNG or JPEG file (first bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head) + ")");
    }

    static PngHeader pngHeader(Path path) throws IOException {
        byte[] b = head(path, 26);
        if (b.length < 26 || !startsWith(b, PNG_MAGIC) || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new IOException("cannot read " + path + ": not a PNG file with an IHDR header");
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int w = buf.getInt(16);
        int h = buf.getInt(20);
        if (w <= 0 || h <= 0) {
            throw new IOException("cannot read " + path + ": PNG header gives a size of " + w + "x" + h);
        }
        return new PngHeader(h, w, b[24] & 0xFF, b[25] & 0xFF);
    }

    /**
     * {height, width} of an image as cv2.imread gives it (a JPEG's EXIF orientation applied), read
     * from the header without decoding the pixels.
     */
    static int[] size(Path path) throws IOException {
        return switch (format(path)) {
            case PNG -> {
                PngHeader header = pngHeader(path);
                yield new int[] {header.h(), header.w()};
            }
            case JPEG -> {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                     Arena arena = Arena.ofConfined();
                     JpegDecoder decoder = JpegDecoder.open()) {
                    MemorySegment bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
                    JpegHeader header = decoder.readHeader(bytes, path.toString());
                    yield new int[] {header.h(), header.w()};
                }
            }
        };
    }

    private static byte[] head(Path path, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // a short read is retried until n bytes are in or the file ends
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + path + ": no such file", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
