package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.NATIVE;

import dev.segpack.engine.mask.LabelMap.LabelType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The comparisons of {@link LabelRunScan} with the Vector API: 64 labels against 64 others, a vector at a time. */
final class VectorLabels {

    private static final VectorSpecies<Byte> U8 = VectorBits.BYTES;
    private static final VectorSpecies<Short> U16 = VectorSpecies.of(short.class, VectorBits.SHAPE);
    private static final VectorSpecies<Integer> I32 = VectorSpecies.of(int.class, VectorBits.SHAPE);

    private VectorLabels() {
    }

    /** {@link LabelRunScan.Changes} with vectors. */
    static long changes64(MemorySegment data, LabelType type, long a, long b) {
        long bits = 0;
        switch (type) {
            case UINT8 -> {
                for (int k = 0; k < 64; k += U8.length()) {
                    ByteVector va = ByteVector.fromMemorySegment(U8, data, a + k, NATIVE);
                    ByteVector vb = ByteVector.fromMemorySegment(U8, data, b + k, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
            case UINT16 -> {
                for (int k = 0; k < 64; k += U16.length()) {
                    ShortVector va = ShortVector.fromMemorySegment(U16, data, (a + k) * 2, NATIVE);
                    ShortVector vb = ShortVector.fromMemorySegment(U16, data, (b + k) * 2, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
            case INT32 -> {
                for (int k = 0; k < 64; k += I32.length()) {
                    IntVector va = IntVector.fromMemorySegment(I32, data, (a + k) * 4, NATIVE);
                    IntVector vb = IntVector.fromMemorySegment(I32, data, (b + k) * 4, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
        }
        return bits;
    }
}
