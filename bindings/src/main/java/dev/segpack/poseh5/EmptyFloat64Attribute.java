package dev.segpack.poseh5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataSpace;

import java.nio.ByteBuffer;

/**
 * A float64 attribute of shape (0,): what h5py stores for {@code attrs[name] = []}. jhdf cannot
 * write it itself: it infers the element type from an array's first element, which an empty array
 * lacks. The encoded data of an empty attribute is zero bytes.
 */
final class EmptyFloat64Attribute implements Attribute {

    private static final long[] SHAPE = {0};

    private final Node node;
    private final String name;

    EmptyFloat64Attribute(Node node, String name) {
        this.node = node;
        this.name = name;
    }

    @Override
    public Node getNode() {
        return node;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getSize() {
        return 0;
    }

    @Override
    public long getSizeInBytes() {
        return 0;
    }

    @Override
    public int[] getDimensions() {
        return new int[] {0};
    }

    @Override
    public long[] getDimensionsAsLong() {
        return SHAPE.clone();
    }

    @Override
    public Object getData() {
        return new double[0];
    }

    @Override
    public Class<?> getJavaType() {
        return double.class;
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public ByteBuffer getBuffer() {
        return ByteBuffer.allocate(0);
    }

    @Override
    public DataSpace getDataSpace() {
        return PrewrittenDataset.simpleDataSpace(SHAPE);
    }

    @Override
    public DataType getDataType() {
        // jhdf's float64 type, except that encoding the (empty) data yields no bytes instead of
        // failing to find a first element.
        return new FloatingPoint(FloatingPoint.DOUBLE.toBuffer()) {
            @Override
            public ByteBuffer encodeData(Object data) {
                return ByteBuffer.allocate(0);
            }
        };
    }
}
