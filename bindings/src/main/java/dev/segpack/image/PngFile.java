package dev.segpack.image;

import dev.segpack.io.AtomicOutput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * PNG files by path: reading through {@link PngDecoder} (the file read once into memory), writing
 * through {@link ZlibDeflater}, pixels off-heap. Reads take any PNG (every colour type, bit depths 1..16,
 * interlaced or not); 16-bit samples come out exact, little-endian.
 */
public final class PngFile {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final long MAX_CHUNK = 1L << 30;
    private static final byte FILTER_UP = 2;
    private static final ValueLayout.OfShort LITTLE_U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort BIG_U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private PngFile() {
    }

    /** {@link PngDecoder#colours}: the stored samples, a palette expanded to its colours. */
    public static Image read(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            return PngDecoder.of(ImageFile.read(path, file)).colours(arena);
        }
    }

    /** The palette indices of an indexed (colour type 3) PNG, one UINT8 GRAY sample per pixel. */
    public static Image readPaletteIndices(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            PngDecoder png = PngDecoder.of(ImageFile.read(path, file));
            if (!png.header().indexed()) {
                throw new IOException("cannot read palette indices of " + path + ": it is a "
                        + png.header().describe() + " PNG, not a palette PNG");
            }
            return png.samples(arena);
        }
    }

    /** {@link PngDecoder#bgr}: BGR bytes as cv2.imread(path, IMREAD_COLOR) returns them. */
    public static Image readBgr(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            return PngDecoder.of(ImageFile.read(path, file)).bgr(arena);
        }
    }

    /**
     * Writes GRAY, GRAY_ALPHA, RGB or RGBA images (8 or 16-bit) and BGR images (8-bit, stored as RGB),
     * through a temporary file in the same directory that replaces {@code path} atomically (see {@link Encoder}).
     */
    public static void write(Path path, Image image) throws IOException {
        try (Encoder encoder = new Encoder()) {
            encoder.write(path, image);
        }
    }

    /**
     * The PNG writer: every row stored with PNG's "Up" filter (label images repeat their rows, which it turns
     * into zeros), the whole image data compressed in one call ({@link ZlibDeflater}). Keeps its compressor and
     * buffers from one file to the next (fresh native memory costs page faults): a thread that writes many
     * PNGs keeps one. Not thread-safe; may be closed by another thread once its writes have returned.
     */
    public static final class Encoder implements AutoCloseable {

        private final Arena arena = Arena.ofShared();
        private final ZlibDeflater deflater = new ZlibDeflater(ZlibDeflater.DEFAULT_LEVEL);
        private MemorySegment rows = MemorySegment.NULL;
        private MemorySegment deflated = MemorySegment.NULL;

        public void write(Path path, Image image) throws IOException {
            if (image.h() < 1 || image.w() < 1) {
                throw new IllegalArgumentException("cannot write " + path + ": PNG needs at least 1x1 pixels, not "
                        + image.h() + "x" + image.w());
            }
            if (image.format() == PixelFormat.BGR && image.sampleType() != SampleType.UINT8) {
                throw new IllegalArgumentException("cannot write " + path + ": BGR images are written as 8-bit RGB only");
            }
            long rawBytes = (image.rowBytes() + 1) * image.h();
            if (rows.byteSize() < rawBytes) {
                rows = arena.allocate(rawBytes, 64);
                deflated = arena.allocate(ZlibDeflater.bound(rawBytes), 64);
            }
            MemorySegment raw = rows.asSlice(0, rawBytes);
            filterRows(image, raw);
            MemorySegment idat = deflated.asSlice(0, deflater.deflate(raw, deflated));
            try (AtomicOutput target = new AtomicOutput(path)) {
                try (FileChannel out = FileChannel.open(target.temp(), StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(SIGNATURE));
                    chunk(out, "IHDR", ByteBuffer.wrap(header(image)));
                    for (long at = 0; at < idat.byteSize(); at += MAX_CHUNK) {
                        chunk(out, "IDAT", idat.asSlice(at, Math.min(MAX_CHUNK, idat.byteSize() - at)).asByteBuffer());
                    }
                    chunk(out, "IEND", ByteBuffer.allocate(0));
                }
                target.commit();
            }
        }

        @Override
        public void close() {
            deflater.close();
            arena.close();
        }
    }

    /** IHDR: width, height, bit depth, colour type, compression 0, filter 0, no interlace. */
    private static byte[] header(Image image) {
        int colourType = switch (image.format()) {
            case GRAY -> 0;
            case RGB, BGR -> 2;
            case GRAY_ALPHA -> 4;
            case RGBA -> 6;
        };
        return ByteBuffer.allocate(13).putInt(image.w()).putInt(image.h())
                .put((byte) (image.sampleType() == SampleType.UINT16 ? 16 : 8)).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    /**
     * The image's rows into {@code raw} in PNG sample order (big-endian, RGB), each "Up"-filtered after its
     * filter byte: the difference, byte by byte, from the row above (zero above the first). Each row goes through
     * heap arrays, where the JIT vectorises the subtraction.
     */
    private static void filterRows(Image image, MemorySegment raw) {
        int rowBytes = Math.toIntExact(image.rowBytes());
        long stride = rowBytes + 1L;
        byte[] row = new byte[rowBytes];
        byte[] above = new byte[rowBytes];
        byte[] up = new byte[rowBytes];
        MemorySegment rowSegment = MemorySegment.ofArray(row);
        for (int y = 0; y < image.h(); y++) {
            long from = y * (long) rowBytes;
            if (image.sampleType() == SampleType.UINT16) {
                MemorySegment.copy(image.data(), LITTLE_U16, from, rowSegment, BIG_U16, 0, rowBytes / 2);
            } else {
                MemorySegment.copy(image.data(), ValueLayout.JAVA_BYTE, from, row, 0, rowBytes);
                if (image.format() == PixelFormat.BGR) {
                    for (int i = 0; i < rowBytes; i += 3) {
                        byte blue = row[i];
                        row[i] = row[i + 2];
                        row[i + 2] = blue;
                    }
                }
            }
            for (int i = 0; i < rowBytes; i++) {
                up[i] = (byte) (row[i] - above[i]);
            }
            raw.set(ValueLayout.JAVA_BYTE, y * stride, FILTER_UP);
            MemorySegment.copy(up, 0, raw, ValueLayout.JAVA_BYTE, y * stride + 1, rowBytes);
            byte[] done = above;
            above = row;
            row = done;
            rowSegment = MemorySegment.ofArray(row);
        }
    }

    /** A chunk: length, type, data and the CRC-32 of type and data. */
    private static void chunk(FileChannel out, String type, ByteBuffer data) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).putInt(data.remaining()).put(type.getBytes(StandardCharsets.US_ASCII)).flip();
        CRC32 crc = new CRC32();
        crc.update(head.duplicate().position(4));
        crc.update(data.duplicate());
        ByteBuffer tail = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
        ByteBuffer[] parts = {head, data, tail};
        while (head.hasRemaining() || data.hasRemaining() || tail.hasRemaining()) {
            out.write(parts);
        }
    }
}
