package dev.segpack.poseh5;

import io.jhdf.api.Attribute;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The {@code keypoints} attribute decoded from its stored bytes (not through jhdf's
 * {@code getData()}, which widens and boxes). h5py stores persons as int64 [n, k]; no persons as
 * float64 (0,); other integer widths, and floats holding whole numbers, are accepted too.
 *
 * @param values persons' values row after row
 * @param valuesPerPerson k, or 0 when there are no persons
 */
record KeypointsAttribute(int[] values, int valuesPerPerson) {

    /** Dataspace class of an attribute with no elements at all (HDF5 H5S_NULL). */
    private static final int NULL_DATASPACE = 2;

    static KeypointsAttribute decode(Attribute attribute, String item) throws IOException {
        String what = item + ": attribute '" + attribute.getName() + "'";
        if (attribute.getDataSpace().getType() == NULL_DATASPACE) {
            throw new IOException(what + " has a null dataspace (h5py.Empty), not a list of persons");
        }
        long[] shape = attribute.getDimensionsAsLong();
        boolean noPersons = (shape.length == 1 && shape[0] == 0) || (shape.length == 2 && shape[0] == 0);
        if (noPersons) {
            return new KeypointsAttribute(new int[0], 0);
        }
        if (shape.length != 2 || shape[1] < 1) {
            throw new IOException(what + " has shape " + Arrays.toString(shape) + ", not [persons, values]");
        }
        long count = shape[0] * shape[1];
        if (count > Integer.MAX_VALUE) {
            throw new IOException(what + " has " + count + " values, too many for one image");
        }
        DataType type = attribute.getDataType();
        ByteBuffer bytes = attribute.getBuffer();
        int[] values = new int[(int) count];
        if (type instanceof FixedPoint fixed) {
            bytes.order(fixed.getByteOrder());
            for (int i = 0; i < values.length; i++) {
                values[i] = toInt(readInteger(bytes, i, fixed, what), i, what);
            }
        } else if (type instanceof FloatingPoint floating && (type.getSize() == 4 || type.getSize() == 8)) {
            bytes.order(floating.getByteOrder());
            for (int i = 0; i < values.length; i++) {
                double value = type.getSize() == 8 ? bytes.getDouble(i * 8) : bytes.getFloat(i * 4);
                if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw new IOException(what + " value " + i + " = " + value + " is not a 32-bit integer");
                }
                values[i] = (int) value;
            }
        } else {
            throw new IOException(what + " has element type " + PoseH5Reader.describe(type) + ", not integers");
        }
        return new KeypointsAttribute(values, (int) shape[1]);
    }

    private static long readInteger(ByteBuffer bytes, int index, FixedPoint type, String what) throws IOException {
        boolean signed = type.isSigned();
        return switch (type.getSize()) {
            case 1 -> signed ? bytes.get(index) : Byte.toUnsignedLong(bytes.get(index));
            case 2 -> signed ? bytes.getShort(index * 2) : Short.toUnsignedLong(bytes.getShort(index * 2));
            case 4 -> signed ? bytes.getInt(index * 4) : Integer.toUnsignedLong(bytes.getInt(index * 4));
            case 8 -> {
                long value = bytes.getLong(index * 8);
                if (!signed && value < 0) {
                    throw new IOException(what + " value " + index + " = " + Long.toUnsignedString(value)
                            + " is not a 32-bit integer");
                }
                yield value;
            }
            default -> throw new IOException(what + " has " + type.getSize() + "-byte integers");
        };
    }

    private static int toInt(long value, int index, String what) throws IOException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException(what + " value " + index + " = " + value + " is not a 32-bit integer");
        }
        return (int) value;
    }
}
