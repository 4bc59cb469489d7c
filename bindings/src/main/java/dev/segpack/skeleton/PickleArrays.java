package dev.segpack.skeleton;

import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.razorvine.pickle.PickleException;

/**
 * numpy arrays and scalars as a pickle rebuilds them, copied into off-heap segments of one arena
 * (little-endian; big-endian data is swapped). Their bytes together may not exceed the file's size:
 * every honest array brings its own bytes, so more means bytes reused to inflate memory.
 */
final class PickleArrays {

    private final Arena arena;
    private long budget;

    PickleArrays(Arena arena, long fileBytes) {
        this.arena = arena;
        this.budget = fileBytes;
    }

    /** A {@code numpy.dtype(name, align, copy)} waiting for the BUILD that sets its byte order. */
    static final class DtypeState {
        private final String name;
        private String byteOrder = "=";

        DtypeState(String name) {
            this.name = name;
        }

        /** numpy's {@code dtype.__setstate__}: (version, byte order, subarray, names, fields, elsize, alignment, flags). */
        void setState(Object state) {
            if (!(state instanceof Object[] fields) || fields.length < 2 || !(fields[1] instanceof String order)) {
                throw new PickleException("dtype state is not (version, byteorder, ...)");
            }
            if (fields.length > 3 && (fields[2] != null || fields[3] != null)) {
                throw new PickleException("structured or subarray dtype '" + name + "' is not supported");
            }
            byteOrder = order;
        }

        NpyDtype type() {
            try {
                return NpyDtype.fromDescr(name);
            } catch (IllegalArgumentException e) {
                throw new PickleException(e.getMessage());
            }
        }

        boolean bigEndian() {
            return byteOrder.equals(">");
        }
    }

    /** An {@code ndarray} from {@code _reconstruct}, complete once BUILD gave it its state. */
    static final class ArrayState {
        private NpyArray array;

        NpyArray array() {
            if (array == null) {
                throw new PickleException("a numpy array was never given its data (no BUILD after _reconstruct)");
            }
            return array;
        }
    }

    /** numpy's {@code ndarray.__setstate__}: ([version,] shape, dtype, is_fortran, data). */
    void build(ArrayState target, Object state) {
        if (target.array != null) {
            throw new PickleException("a numpy array was built twice");
        }
        if (!(state instanceof Object[] fields) || fields.length != 5 && fields.length != 4) {
            throw new PickleException("numpy array state is not (version, shape, dtype, is_fortran, data)");
        }
        int at = fields.length - 4;
        if (!(fields[at] instanceof Object[] shape) || !(fields[at + 1] instanceof DtypeState dtype)
                || !(fields[at + 2] instanceof Boolean fortran)) {
            throw new PickleException("numpy array state is not (version, shape, dtype, is_fortran, data)");
        }
        target.array = array(dtype, shape, fortran, fields[at + 3]);
    }

    /** An array of {@code shape} over a copy of {@code data} (bytes, or a latin-1 str from protocol 2). */
    NpyArray array(DtypeState dtype, Object[] shapeTuple, boolean fortran, Object data) {
        NpyDtype type = dtype.type();
        long[] shape = new long[shapeTuple.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeTuple[i] instanceof Number n) || n.longValue() < 0 || !(n instanceof Integer || n instanceof Long)) {
                throw new PickleException("numpy array shape " + Arrays.deepToString(shapeTuple) + " is not a tuple of sizes");
            }
            shape[i] = n.longValue();
            count = multiply(count, shape[i], shapeTuple);
        }
        long bytes = multiply(count, type.itemSize, shapeTuple);
        byte[] raw = bytes(data, "numpy array data");
        if (raw.length != bytes) {
            throw new PickleException("numpy array of shape " + Arrays.toString(shape) + " and dtype " + type + " needs "
                    + bytes + " bytes of data, not " + raw.length);
        }
        return new NpyArray(type, shape, fortran, copy(raw, type, dtype.bigEndian()));
    }

    /** A numpy scalar from its dtype and the bytes of its value. */
    NumpyScalar scalar(DtypeState dtype, Object data) {
        NpyDtype type = dtype.type();
        byte[] raw = bytes(data, "numpy scalar data");
        if (raw.length != type.itemSize) {
            throw new PickleException("numpy " + type + " scalar needs " + type.itemSize + " bytes, not " + raw.length);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        Object value = switch (type) {
            case BOOL -> b.get() != 0;
            case INT8 -> (long) b.get();
            case UINT8 -> (long) Byte.toUnsignedInt(b.get());
            case INT16 -> (long) b.getShort();
            case UINT16 -> (long) Short.toUnsignedInt(b.getShort());
            case INT32 -> (long) b.getInt();
            case UINT32 -> Integer.toUnsignedLong(b.getInt());
            case INT64, UINT64 -> b.getLong();
            case FLOAT16 -> (double) Float.float16ToFloat(b.getShort());
            case FLOAT32 -> (double) b.getFloat();
            case FLOAT64 -> b.getDouble();
        };
        return new NumpyScalar(type, value);
    }

    private static long multiply(long a, long b, Object[] shape) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new PickleException("numpy array shape " + Arrays.deepToString(shape) + " is too large");
        }
    }

    private static byte[] bytes(Object data, String what) {
        if (data instanceof byte[] raw) {
            return raw;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException(what + " is " + (data == null ? "None" : data.getClass().getSimpleName())
                + ", not bytes (object arrays are not supported)");
    }

    private MemorySegment copy(byte[] raw, NpyDtype type, boolean bigEndian) {
        if (raw.length > budget) {
            throw new PickleException("its arrays would hold more bytes than the file has: a pickle bomb");
        }
        budget -= raw.length;
        MemorySegment segment = arena.allocate(Math.max(1, raw.length), 64).asSlice(0, raw.length);
        MemorySegment.copy(raw, 0, segment, ValueLayout.JAVA_BYTE, 0, raw.length);
        if (bigEndian && type.itemSize > 1) {
            swapBytes(segment, type.itemSize);
        }
        return segment;
    }

    private static void swapBytes(MemorySegment segment, int itemSize) {
        for (long at = 0; at < segment.byteSize(); at += itemSize) {
            for (int i = 0, j = itemSize - 1; i < j; i++, j--) {
                byte a = segment.get(ValueLayout.JAVA_BYTE, at + i);
                segment.set(ValueLayout.JAVA_BYTE, at + i, segment.get(ValueLayout.JAVA_BYTE, at + j));
                segment.set(ValueLayout.JAVA_BYTE, at + j, a);
            }
        }
    }
}
