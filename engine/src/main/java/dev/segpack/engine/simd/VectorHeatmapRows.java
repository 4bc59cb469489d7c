package dev.segpack.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The heatmap rows of {@link VectorMaskKernels} on the Vector API: a window row per (masked) vector of floats, half the
 * preferred width so that the limb maps' float64 part fits a full-width double vector. The float32
 * exp is {@link Float32Exp}'s algorithm lane by lane, exact for arguments above -86 (normal results)
 * and done by the scalar routine for lanes below. The limb maps' float64 exp is the Vector API's
 * (within 1 ulp, like {@link Math#exp} and numpy's own); a difference of 1 ulp in float64 changes
 * the stored float32 only when the value lies within that ulp of a float32 rounding boundary.
 */
final class VectorHeatmapRows {

    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, VectorBits.SHAPE);
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Below this the exp's result may be subnormal or 0: the scalar routine takes those lanes. */
    private static final float VECTOR_FLOOR = -86f;

    private static final FloatVector LN2_HIGH = FloatVector.broadcast(F, Float32Exp.LN2_HIGH);
    private static final FloatVector LN2_LOW = FloatVector.broadcast(F, Float32Exp.LN2_LOW);
    private static final FloatVector P0 = FloatVector.broadcast(F, Float32Exp.P0);
    private static final FloatVector P1 = FloatVector.broadcast(F, Float32Exp.P1);
    private static final FloatVector P2 = FloatVector.broadcast(F, Float32Exp.P2);
    private static final FloatVector P3 = FloatVector.broadcast(F, Float32Exp.P3);
    private static final FloatVector P4 = FloatVector.broadcast(F, Float32Exp.P4);
    private static final FloatVector P5 = FloatVector.broadcast(F, Float32Exp.P5);
    private static final FloatVector Q1 = FloatVector.broadcast(F, Float32Exp.Q1);
    private static final FloatVector Q2 = FloatVector.broadcast(F, Float32Exp.Q2);
    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private VectorHeatmapRows() {
    }

    static void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared, float value) {
        for (int x = x0; x < x1; x += F.length()) {
            VectorMask<Float> in = F.indexInRange(x, x1);
            FloatVector exponent = FloatVector.fromArray(F, columns, x, in).add(dy2).neg().mul(0.5f).div(sigmaSquared);
            FloatVector patch = exp(exponent).mul(value);
            FloatVector.fromArray(F, plane, row + x, in).max(patch).intoArray(plane, row + x, in);
        }
    }

    static void limbRow(float[] plane, int row, int x0, int x1, HeatmapLimb limb, float y, float toStartY, float toEndY) {
        float ab = limb.lengthSquared;
        for (int x = x0; x < x1; x += F.length()) {
            VectorMask<Float> in = F.indexInRange(x, x1);
            FloatVector toStart = FloatVector.fromArray(F, limb.toStartX, x, in).add(toStartY);
            FloatVector toEnd = FloatVector.fromArray(F, limb.toEndX, x, in).add(toEndY);
            FloatVector coeff = toStart.sub(toEnd).add(ab).mul(0.5f).div(ab);
            VectorMask<Float> atStart = coeff.compare(VectorOperators.LE, 0f);
            VectorMask<Float> atEnd = coeff.compare(VectorOperators.GE, 1f);
            FloatVector ends = ZERO.blend(ONE, atStart).mul(toStart).add(ZERO.blend(ONE, atEnd).mul(toEnd));
            FloatVector lineX = FloatVector.fromArray(F, limb.xs, x, in).sub(coeff.mul(limb.dirX).add(limb.ax));
            FloatVector lineY = FloatVector.broadcast(F, y).sub(coeff.mul(limb.dirY).add(limb.ay));
            FloatVector toLine = lineX.mul(lineX).add(lineY.mul(lineY));
            DoubleVector lineWeight = (DoubleVector) ONE.blend(ZERO, atStart.or(atEnd)).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d2 = ((DoubleVector) ends.convertShape(VectorOperators.F2D, D, 0))
                    .add(lineWeight.mul((DoubleVector) toLine.convertShape(VectorOperators.F2D, D, 0)));
            DoubleVector patch = d2.neg().mul(0.5).div(limb.sigmaSquared).lanewise(VectorOperators.EXP).mul(limb.value);
            FloatVector stored = (FloatVector) patch.convertShape(VectorOperators.D2F, F, 0);
            FloatVector.fromArray(F, plane, row + x, in).max(stored).intoArray(plane, row + x, in);
        }
    }

    /** numpy's float32 exp, lanewise. */
    private static FloatVector exp(FloatVector x) {
        FloatVector k = x.fma(Float32Exp.LOG2E, Float32Exp.RINT_MAGIC).sub(Float32Exp.RINT_MAGIC);
        FloatVector r = k.fma(LN2_HIGH, x);
        r = k.fma(LN2_LOW, r);
        FloatVector p = P5.fma(r, P4);
        p = p.fma(r, P3);
        p = p.fma(r, P2);
        p = p.fma(r, P1);
        p = p.fma(r, P0);
        FloatVector q = Q2.fma(r, Q1);
        q = q.fma(r, ONE);
        // 2^k built in the exponent field: exact, as the result stays normal above the floor
        FloatVector scale = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        FloatVector result = p.div(q).mul(scale);
        VectorMask<Float> low = x.compare(VectorOperators.LT, VECTOR_FLOOR);
        if (low.anyTrue()) {
            // rare lanes (subnormal or zero results) by the scalar routine, without shared scratch:
            // the rows are drawn from several threads at once
            for (int i = 0; i < F.length(); i++) {
                if (low.laneIsSet(i)) {
                    result = result.withLane(i, Float32Exp.exp(x.lane(i)));
                }
            }
        }
        return result;
    }
}
