package dev.segpack.npy;

import dev.segpack.io.AtomicOutput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * numpy .npy files (format versions 1.0, 2.0 and 3.0) to and from off-heap memory. Writes produce the
 * same bytes as numpy's np.save for the same array.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to this many bytes so the data can be memory-mapped aligned. */
    private static final int ARRAY_ALIGN = 64;
    /** numpy pads the header so the growing axis can take this many digits without rewriting the file. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Larger headers are not .npy files in any real sense: refuse before allocating. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Bulk transfers go through ByteBuffers, which cannot exceed 2 GiB. */
    private static final long CHUNK = 1 << 30;
    /** numpy's NPY_MAXDIMS (numpy 2). */
    static final int MAX_DIMENSIONS = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private NpyFile() {
    }

    /** Parses the header of {@code path} without reading the data. */
    public static NpyHeader readHeader(Path path) throws IOException {
        try (FileChannel channel = openForRead(path)) {
            return readHeader(channel, path);
        }
    }

    /** Reads {@code path} into a new 64-byte-aligned segment of {@code arena}. */
    public static NpyArray read(Path path, Arena arena) throws IOException {
        try (FileChannel channel = openForRead(path)) {
            NpyHeader header = readHeader(channel, path);
            MemorySegment data = arena.allocate(Math.max(1, header.dataBytes()), ARRAY_ALIGN)
                    .asSlice(0, header.dataBytes());
            for (long done = 0; done < data.byteSize(); ) {
                ByteBuffer buffer = data.asSlice(done, Math.min(CHUNK, data.byteSize() - done)).asByteBuffer();
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, header.dataOffset() + done + buffer.position()) < 0) {
                        throw failure(path, "the file ended while reading its data");
                    }
                }
                done += buffer.capacity();
            }
            return new NpyArray(header.dtype(), header.shape(), header.fortranOrder(), data);
        }
    }

    /** Maps the data of {@code path} read-only, without copying; the mapping lives as long as {@code arena}. */
    public static NpyArray map(Path path, Arena arena) throws IOException {
        try (FileChannel channel = openForRead(path)) {
            NpyHeader header = readHeader(channel, path);
            MemorySegment data = header.dataBytes() == 0 ? MemorySegment.NULL
                    : channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset(), header.dataBytes(), arena);
            return new NpyArray(header.dtype(), header.shape(), header.fortranOrder(), data);
        }
    }

    public static void write(Path path, NpyArray array) throws IOException {
        write(path, array.dtype(), array.shape(), array.fortranOrder(), array.data());
    }

    /**
     * Writes the first elementCount×itemSize bytes of {@code data} (already in the order
     * {@code fortranOrder} names) as a version 1.0 file, through a temporary
     * file in the same directory that replaces {@code path} atomically.
     */
    public static void write(Path path, NpyDtype dtype, long[] shape, boolean fortranOrder, MemorySegment data)
            throws IOException {
        long bytes;
        try {
            bytes = Math.multiplyExact(NpyHeader.elementCount(shape), (long) dtype.itemSize);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot write " + path + ": " + e.getMessage(), e);
        }
        if (shape.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("cannot write " + path + ": " + shape.length
                    + " dimensions; numpy arrays have at most " + MAX_DIMENSIONS);
        }
        if (data.byteSize() < bytes) {
            throw new IllegalArgumentException("cannot write " + path + ": shape " + Arrays.toString(shape) + " of "
                    + dtype + " needs " + bytes + " bytes but the segment has " + data.byteSize());
        }
        byte[] header = header(dtype, shape, fortranOrder);
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (FileChannel out = FileChannel.open(target.temp(), StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.wrap(header));
                for (long done = 0; done < bytes; done += CHUNK) {
                    writeFully(out, data.asSlice(done, Math.min(CHUNK, bytes - done)).asByteBuffer());
                }
            }
            target.commit();
        }
    }

    /** The header bytes np.save writes for this array: magic, version, length, dict, padding to 64. */
    static byte[] header(NpyDtype dtype, long[] shape, boolean fortranOrder) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr)
                .append("', 'fortran_order': ").append(fortranOrder ? "True" : "False")
                .append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            long growthAxis = shape[fortranOrder ? shape.length - 1 : 0];
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growthAxis).length())));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1; // + '\n'
        // With at most 64 dimensions the header is far below 1.0's 65535-byte limit, so 1.0 it is, as in np.save.
        int padding = ARRAY_ALIGN - (MAGIC.length + 2 + 2 + hlen) % ARRAY_ALIGN;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + 2 + hlen + padding).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (hlen + padding)).put(text);
        while (out.remaining() > 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    private static NpyHeader readHeader(FileChannel channel, Path path) throws IOException {
        ByteBuffer prefix = readAt(channel, 0, MAGIC.length + 4, path, "magic and version");
        for (byte b : MAGIC) {
            if (prefix.get() != b) {
                throw failure(path, "not an .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = Byte.toUnsignedInt(prefix.get());
        int minor = Byte.toUnsignedInt(prefix.get());
        long headerLength;
        int lengthField;
        if (major == 1) {
            lengthField = 2;
            headerLength = Short.toUnsignedInt(prefix.getShort());
        } else if (major == 2 || major == 3) {
            lengthField = 4;
            headerLength = Integer.toUnsignedLong(readAt(channel, MAGIC.length + 2, 4, path, "header length").getInt());
        } else {
            throw failure(path, "format version " + major + "." + minor + " is not supported (1.0, 2.0, 3.0 are)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw failure(path, "header of " + headerLength + " bytes is implausibly large");
        }
        long dataOffset = MAGIC.length + 2 + lengthField + headerLength;
        ByteBuffer raw = readAt(channel, MAGIC.length + 2 + lengthField, (int) headerLength, path, "header");
        // 1.0 and 2.0 headers are latin-1; 3.0 allows UTF-8
        String text = new String(raw.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header;
        try {
            header = parseHeader(text, major, minor, dataOffset);
        } catch (IllegalArgumentException e) {
            throw failure(path, e.getMessage());
        }
        long available = channel.size() - dataOffset;
        if (available < header.dataBytes()) {
            throw failure(path, "truncated: shape " + Arrays.toString(header.shape()) + " of " + header.dtype().descr
                    + " needs " + header.dataBytes() + " data bytes but the file has " + Math.max(0, available));
        }
        return header;
    }

    private static NpyHeader parseHeader(String text, int major, int minor, long dataOffset) {
        if (!(PyLiteral.parse(text) instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException("header is not a dict: " + text.strip());
        }
        if (!dict.keySet().equals(KEYS)) {
            throw new IllegalArgumentException("header keys are " + dict.keySet() + "; expected exactly " + KEYS.stream().sorted().toList());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException("structured dtype " + dict.get("descr") + " is not supported");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IllegalArgumentException("fortran_order is " + dict.get("fortran_order") + ", not True or False");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new IllegalArgumentException("shape is " + dict.get("shape") + ", not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long dim)) {
                throw new IllegalArgumentException("shape " + dims + " holds a non-integer");
            }
            shape[i] = dim;
        }
        return new NpyHeader(major, minor, NpyDtype.fromDescr(descr), shape, fortran, dataOffset);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length, Path path, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw failure(path, "the file ends inside its " + what);
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static FileChannel openForRead(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("cannot read " + path + ": it is a directory");
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + path + ": no such file", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot read " + path + ": " + e.getClass().getSimpleName()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"), e);
        }
    }

    private static IOException failure(Path path, String reason) {
        return new IOException("cannot read " + path + ": " + reason);
    }
}
