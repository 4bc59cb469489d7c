package dev.segpack.skeleton;

import dev.segpack.io.AtomicOutput;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes what {@link PickleReader} reads back as a pickle (protocol 4 by default, or 5) that numpy
 * 1.x and 2.x both load to the same content, dtypes kept. Arrays are written as numpy 1.x pickles
 * them with protocol 4 ({@code numpy.core.multiarray._reconstruct} and a BUILD of shape, dtype,
 * order and bytes), in both protocols: numpy 2 loads that form silently, whereas its protocol-5 form
 * ({@code numpy._core.numeric._frombuffer}) is unknown to numpy 1.x and numpy 1.x's
 * ({@code numpy.core.numeric}) warns under numpy 2. No memo is written: shared values are written
 * once per reference, and a value that contains itself is refused by its depth.
 */
public final class PickleWriter {

    private static final byte[] ARRAY_MODULE = ascii("numpy.core.multiarray");
    private static final int BULK = 1 << 20;

    private final OutputStream out;
    private final int protocol;

    private PickleWriter(OutputStream out, int protocol) {
        this.out = out;
        this.protocol = protocol;
    }

    /** Writes {@code value} to {@code path} whole or not at all (see {@link AtomicOutput}). */
    public static void write(Path path, Object value, int protocol) throws IOException {
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (OutputStream stream = new BufferedOutputStream(target.stream(), 1 << 16)) {
                write(stream, value, protocol);
            }
            target.commit();
        }
    }

    /** Writes {@code value} as a pickle of {@code protocol} (4 or 5). */
    public static void write(OutputStream out, Object value, int protocol) throws IOException {
        if (protocol != 4 && protocol != 5) {
            throw new IllegalArgumentException("pickle protocol must be 4 or 5, not " + protocol);
        }
        PickleWriter writer = new PickleWriter(out, protocol);
        out.write(0x80);
        out.write(protocol);
        writer.value(value, 0);
        out.write('.');
    }

    private void value(Object value, int depth) throws IOException {
        if (depth > PickleReader.MAX_DEPTH) {
            throw new IllegalArgumentException("values nest more than " + PickleReader.MAX_DEPTH + " deep (or contain themselves)");
        }
        switch (value) {
            case null -> out.write('N');
            case Boolean b -> out.write(b ? 0x88 : 0x89);
            case Long l -> integer(l);
            case Integer i -> integer(i);
            case BigInteger b -> bigInteger(b);
            case Double d -> {
                out.write('G');
                out.write(ByteBuffer.allocate(8).putDouble(d).array());
            }
            case String s -> string(s);
            case byte[] b -> bytes(b);
            case PyTuple t -> tuple(t.items(), depth);
            case List<?> list -> {
                out.write(']');
                if (!list.isEmpty()) {
                    out.write('(');
                    for (Object item : list) {
                        value(item, depth + 1);
                    }
                    out.write('e');
                }
            }
            case Map<?, ?> map -> {
                out.write('}');
                if (!map.isEmpty()) {
                    out.write('(');
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        value(e.getKey(), depth + 1);
                        value(e.getValue(), depth + 1);
                    }
                    out.write('u');
                }
            }
            case Collection<?> set -> {
                out.write(0x8f);
                if (!set.isEmpty()) {
                    out.write('(');
                    for (Object item : set) {
                        value(item, depth + 1);
                    }
                    out.write(0x90);
                }
            }
            case NpyArray a -> array(a);
            case NumpyScalar s -> scalar(s);
            default -> throw new IllegalArgumentException("cannot pickle a " + value.getClass().getSimpleName());
        }
    }

    private void integer(long v) throws IOException {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) v & 0xff);
            out.write((int) (v >>> 8));
        } else if (v == (int) v) {
            out.write('J');
            littleEndian(v, 4);
        } else {
            bigInteger(BigInteger.valueOf(v));
        }
    }

    /** LONG1 / LONG4: two's complement, little-endian, as few bytes as hold the sign. */
    private void bigInteger(BigInteger v) throws IOException {
        byte[] bigEndian = v.toByteArray();
        if (bigEndian.length < 256) {
            out.write(0x8a);
            out.write(bigEndian.length);
        } else {
            out.write(0x8b);
            littleEndian(bigEndian.length, 4);
        }
        for (int i = bigEndian.length - 1; i >= 0; i--) {
            out.write(bigEndian[i]);
        }
    }

    private void string(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            out.write(0x8c);
            out.write(utf8.length);
        } else {
            out.write('X');
            littleEndian(utf8.length, 4);
        }
        out.write(utf8);
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length < 256) {
            out.write('C');
            out.write(b.length);
        } else {
            out.write('B');
            littleEndian(b.length, 4);
        }
        out.write(b);
    }

    private void tuple(List<?> items, int depth) throws IOException {
        if (items.size() > 3) {
            out.write('(');
        }
        for (Object item : items) {
            value(item, depth + 1);
        }
        out.write(switch (items.size()) {
            case 0 -> ')';
            case 1 -> 0x85;
            case 2 -> 0x86;
            case 3 -> 0x87;
            default -> 't';
        });
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with (1, shape, dtype, is_fortran, data). */
    private void array(NpyArray a) throws IOException {
        global(ARRAY_MODULE, ascii("_reconstruct"));
        global(ascii("numpy"), ascii("ndarray"));
        integer(0);
        out.write(0x85);
        bytes(new byte[] {'b'});
        out.write(0x87);
        out.write('R');
        out.write('(');
        integer(1);
        long[] shape = a.shape();
        tuple(Arrays.stream(shape).boxed().toList(), 0);
        dtype(a.dtype());
        out.write(a.fortranOrder() ? 0x88 : 0x89);
        long n = a.byteSize();
        if (n < (1L << 32)) {
            out.write('B');
            littleEndian(n, 4);
        } else {
            out.write(0x8e);
            littleEndian(n, 8);
        }
        byte[] chunk = new byte[(int) Math.min(BULK, Math.max(1, n))];
        for (long done = 0; done < n; done += chunk.length) {
            int length = (int) Math.min(chunk.length, n - done);
            MemorySegment.copy(a.data(), ValueLayout.JAVA_BYTE, done, chunk, 0, length);
            out.write(chunk, 0, length);
        }
        out.write('t');
        out.write('b');
    }

    /** {@code scalar(dtype, bytes)}. */
    private void scalar(NumpyScalar s) throws IOException {
        global(ARRAY_MODULE, ascii("scalar"));
        dtype(s.dtype());
        ByteBuffer b = ByteBuffer.allocate(s.dtype().itemSize).order(ByteOrder.LITTLE_ENDIAN);
        switch (s.dtype()) {
            case BOOL -> b.put((byte) ((Boolean) s.value() ? 1 : 0));
            case INT8, UINT8 -> b.put((byte) ((Number) s.value()).longValue());
            case INT16, UINT16 -> b.putShort((short) ((Number) s.value()).longValue());
            case INT32, UINT32 -> b.putInt((int) ((Number) s.value()).longValue());
            case INT64, UINT64 -> b.putLong(((Number) s.value()).longValue());
            case FLOAT16 -> b.putShort(Float.floatToFloat16(((Number) s.value()).floatValue()));
            case FLOAT32 -> b.putFloat(((Number) s.value()).floatValue());
            case FLOAT64 -> b.putDouble(((Number) s.value()).doubleValue());
        }
        bytes(b.array());
        out.write(0x86);
        out.write('R');
    }

    /** {@code dtype('f2', False, True)} then BUILD with (3, byteorder, None, None, None, -1, -1, 0). */
    private void dtype(NpyDtype type) throws IOException {
        global(ascii("numpy"), ascii("dtype"));
        string(type.descr.substring(1));
        out.write(0x89);
        out.write(0x88);
        out.write(0x87);
        out.write('R');
        out.write('(');
        integer(3);
        string(type.itemSize == 1 ? "|" : "<");
        out.write("NNN".getBytes(StandardCharsets.US_ASCII));
        integer(-1);
        integer(-1);
        integer(0);
        out.write('t');
        out.write('b');
    }

    private void global(byte[] module, byte[] name) throws IOException {
        for (byte[] text : List.of(module, name)) {
            out.write(0x8c);
            out.write(text.length);
            out.write(text);
        }
        out.write(0x93);
    }

    private void littleEndian(long v, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
