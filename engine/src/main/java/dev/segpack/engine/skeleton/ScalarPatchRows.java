package dev.segpack.engine.skeleton;

/** {@link PatchRows} one pixel at a time: numpy's expressions element by element. */
final class ScalarPatchRows implements PatchRows {

    @Override
    public void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared, float value) {
        for (int x = x0; x < x1; x++) {
            float exponent = -(columns[x] + dy2) / 2f / sigmaSquared;
            plane[row + x] = Math.max(plane[row + x], Float32Exp.exp(exponent) * value);
        }
    }

    @Override
    public void limbRow(float[] plane, int row, int x0, int x1, Limb limb, float y, float toStartY, float toEndY) {
        for (int x = x0; x < x1; x++) {
            float toStart = limb.toStartX[x] + toStartY;
            float toEnd = limb.toEndX[x] + toEndY;
            float coeff = (toStart - toEnd + limb.lengthSquared) / 2f / limb.lengthSquared;
            // numpy sums mask * distance over the three cases (products with 0 keep NaN and inf as
            // there); the segment mask is 1 - bool - bool, an int64 array, which promotes the sum,
            // the exp and the product with the score to float64, rounded to float32 when stored
            float startWeight = coeff <= 0 ? 1f : 0f;
            float endWeight = coeff >= 1 ? 1f : 0f;
            double lineWeight = coeff <= 0 || coeff >= 1 ? 0 : 1;
            float lineX = limb.xs[x] - (limb.ax + coeff * limb.dirX);
            float lineY = y - (limb.ay + coeff * limb.dirY);
            float toLine = lineX * lineX + lineY * lineY;
            double d2 = (startWeight * toStart + endWeight * toEnd) + lineWeight * toLine;
            plane[row + x] = Math.max(plane[row + x], (float) (Math.exp(-d2 / 2. / limb.sigmaSquared) * limb.value));
        }
    }
}
