package dev.segpack.engine.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Column-wise interval arithmetic with the Vector API: the overlap of two masks' column intervals. */
final class VectorColumns {

    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorBits.SHAPE);

    private VectorColumns() {
    }

    /**
     * Σ max(0, min(aEnd, bEnd) − max(aStart, bStart)) over n columns. The int lane sums cannot
     * overflow: a lane adds at most n / lanes columns of at most h rows, and n · h ≤ 2³² − 1 with at
     * least 4 lanes.
     */
    static long overlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n) {
        if (n < INTS.length()) {
            // not one whole vector: the lanes would only add their setup and reduction to the scalar loop
            return ScalarMaskKernels.overlapColumns(aStart, aEnd, aFrom, bStart, bEnd, bFrom, n);
        }
        IntVector zero = IntVector.zero(INTS);
        IntVector sum = zero;
        int k = 0;
        for (int bound = INTS.loopBound(n); k < bound; k += INTS.length()) {
            IntVector start = IntVector.fromArray(INTS, aStart, aFrom + k)
                    .max(IntVector.fromArray(INTS, bStart, bFrom + k));
            IntVector end = IntVector.fromArray(INTS, aEnd, aFrom + k)
                    .min(IntVector.fromArray(INTS, bEnd, bFrom + k));
            sum = sum.add(end.sub(start).max(zero));
        }
        return sum.reduceLanesToLong(VectorOperators.ADD)
                + ScalarMaskKernels.overlapColumns(aStart, aEnd, aFrom + k, bStart, bEnd, bFrom + k, n - k);
    }
}
