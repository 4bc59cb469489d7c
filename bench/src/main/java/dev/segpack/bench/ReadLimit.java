package dev.segpack.bench;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fastest possible pass over a mask's bytes: Vector API loads OR-reduced into one vector. A
 * kernel that reads every byte once cannot beat it, so benchmarks report it in the same run as
 * the ceiling their kernels are measured against.
 */
final class ReadLimit {

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;

    private ReadLimit() {
    }

    static byte orReduce(MemorySegment data, long n) {
        ByteVector acc = ByteVector.zero(S);
        long p = 0;
        for (; p <= n - S.length(); p += S.length()) {
            acc = acc.or(ByteVector.fromMemorySegment(S, data, p, ByteOrder.nativeOrder()));
        }
        byte tail = 0;
        for (; p < n; p++) {
            tail |= data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, p);
        }
        return (byte) (acc.reduceLanes(VectorOperators.OR) | tail);
    }
}
