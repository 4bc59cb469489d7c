package dev.segpack.skeleton;

import dev.segpack.npy.NpyArray;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Elements of an off-heap numpy array as Java numbers, by flat index in the array's own order, and C-order traversal. */
final class ArrayValues {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ArrayValues() {
    }

    static boolean isFloat(NpyArray a) {
        return switch (a.dtype()) {
            case FLOAT16, FLOAT32, FLOAT64 -> true;
            default -> false;
        };
    }

    /** Element {@code i} (in storage order) of a float array, widened exactly to double. */
    static double getDouble(NpyArray a, long i) {
        MemorySegment d = a.data();
        return switch (a.dtype()) {
            case FLOAT16 -> Float.float16ToFloat(d.getAtIndex(I16, i));
            case FLOAT32 -> d.getAtIndex(F32, i);
            case FLOAT64 -> d.getAtIndex(F64, i);
            default -> getLong(a, i);
        };
    }

    /** Element {@code i} (in storage order) of an integer or bool array; uint64 as its signed bits. */
    static long getLong(NpyArray a, long i) {
        MemorySegment d = a.data();
        return switch (a.dtype()) {
            case BOOL, UINT8 -> Byte.toUnsignedLong(d.get(ValueLayout.JAVA_BYTE, i));
            case INT8 -> d.get(ValueLayout.JAVA_BYTE, i);
            case INT16 -> d.getAtIndex(I16, i);
            case UINT16 -> Short.toUnsignedLong(d.getAtIndex(I16, i));
            case INT32 -> d.getAtIndex(I32, i);
            case UINT32 -> Integer.toUnsignedLong(d.getAtIndex(I32, i));
            case INT64, UINT64 -> d.getAtIndex(I64, i);
            case FLOAT16, FLOAT32, FLOAT64 -> (long) getDouble(a, i);
        };
    }

    /** The storage index of each element in C order (the identity unless the array is Fortran-ordered). */
    static long storageIndex(NpyArray a, long cIndex) {
        if (!a.fortranOrder() || a.ndim() < 2) {
            return cIndex;
        }
        long[] shape = a.shape();
        long index = 0;
        long stride = 1;
        long rest = cIndex;
        long[] coords = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            coords[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        for (int axis = 0; axis < shape.length; axis++) {
            index += coords[axis] * stride;
            stride *= shape[axis];
        }
        return index;
    }

    /** A C-order float32 copy of a float16/32/64 array (float16 and float32 exactly, float64 rounded). */
    static float[] floats(NpyArray a) {
        float[] out = new float[Math.toIntExact(a.elementCount())];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(a, storageIndex(a, i));
        }
        return out;
    }
}
