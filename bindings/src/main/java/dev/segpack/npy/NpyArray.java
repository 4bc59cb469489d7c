package dev.segpack.npy;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An n-d numpy array held off-heap: {@code data} holds the elements little-endian, in C order or, when
 * {@code fortranOrder}, Fortran order. The array does not own its memory: its lifetime is that of the
 * segment's arena (or mapping).
 */
public record NpyArray(NpyDtype dtype, long[] shape, boolean fortranOrder, MemorySegment data) {

    public NpyArray {
        shape = shape.clone();
        long bytes = Math.multiplyExact(NpyHeader.elementCount(shape), (long) dtype.itemSize);
        if (data.byteSize() < bytes) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes is too small for a "
                    + dtype + " array of shape " + Arrays.toString(shape) + " (" + bytes + " bytes)");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public long elementCount() {
        return NpyHeader.elementCount(shape);
    }

    /** Bytes of element data (the segment may be longer). */
    public long byteSize() {
        return elementCount() * dtype.itemSize;
    }

    /** This 2-D uint8, uint16 or int32 array viewed as a label map over the same memory (no copy). */
    public LabelMap toLabelMap() {
        LabelMap.LabelType type = switch (dtype) {
            case UINT8 -> LabelMap.LabelType.UINT8;
            case UINT16 -> LabelMap.LabelType.UINT16;
            case INT32 -> LabelMap.LabelType.INT32;
            default -> throw new IllegalStateException("a " + dtype + " array is not a label map; label maps are"
                    + " uint8, uint16 or int32");
        };
        checkTwoDimensional("label map");
        return new LabelMap(data, Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), type, order());
    }

    private Order order() {
        return fortranOrder ? Order.COLUMN_MAJOR : Order.ROW_MAJOR;
    }

    private void checkTwoDimensional(String what) {
        if (shape.length != 2) {
            throw new IllegalStateException("a " + what + " is 2-D [h, w]; this array has shape " + Arrays.toString(shape));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && Arrays.equals(shape, a.shape)
                && fortranOrder == a.fortranOrder && data.equals(a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode() + data.hashCode();
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr + ", shape " + Arrays.toString(shape)
                + (fortranOrder ? ", Fortran order" : ", C order") + ", " + byteSize() + " bytes]";
    }
}
