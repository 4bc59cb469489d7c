package dev.segpack.engine.mask;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * An h×w map of integer labels held off-heap (uint8, uint16 or int32, little-endian as numpy
 * writes them on every platform segpack runs on), in either pixel order.
 */
public record LabelMap(MemorySegment data, int h, int w, LabelType type, Order order) {

    /** Element type of a label map, named as numpy names it. */
    public enum LabelType {
        UINT8(1), UINT16(2), INT32(4);

        public final int bytes;

        LabelType(int bytes) {
            this.bytes = bytes;
        }
    }

    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public LabelMap {
        Mask.checkedPixels(h, w);
        if (data.byteSize() < (long) h * w * type.bytes) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes is too small for a "
                    + h + "x" + w + " " + type + " label map");
        }
    }

    /** A zeroed label map allocated in {@code arena}; more pixels than {@link PixelLimit} allows are refused. */
    public static LabelMap allocate(Arena arena, int h, int w, LabelType type, Order order) {
        Mask.checkedPixels(h, w);
        PixelLimit.checkedPixels(h, w);
        return new LabelMap(arena.allocate(Math.max(1L, (long) h * w * type.bytes), 64), h, w, type, order);
    }

    public long pixels() {
        return (long) h * w;
    }

    /** The label at flat index {@code i} (in this map's order); uint8/uint16 are zero-extended. */
    public int getFlat(long i) {
        return switch (type) {
            case UINT8 -> Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, i));
            case UINT16 -> Short.toUnsignedInt(data.get(U16, i * 2));
            case INT32 -> data.get(I32, i * 4);
        };
    }

    public void setFlat(long i, int label) {
        switch (type) {
            case UINT8 -> data.set(ValueLayout.JAVA_BYTE, i, (byte) label);
            case UINT16 -> data.set(U16, i * 2, (short) label);
            case INT32 -> data.set(I32, i * 4, label);
        }
    }

    public int get(int y, int x) {
        return getFlat(order.index(y, x, h, w));
    }
}
