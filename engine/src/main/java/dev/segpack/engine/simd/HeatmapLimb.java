package dev.segpack.engine.simd;

/**
 * The geometry of the limb a heatmap painter is drawing, set once per limb and read for every row
 * by {@link Kernels#limbRow}: a mutable holder so that drawing allocates nothing per limb.
 */
public final class HeatmapLimb {
    /** x as float32, per column of the plane. */
    public float[] xs;
    /** (x - ax)^2 and (x - bx)^2 as float32, per column of the plane. */
    public float[] toStartX;
    public float[] toEndX;
    public float ax;
    public float ay;
    /** end - start, float32. */
    public float dirX;
    public float dirY;
    /** |ab|^2 rounded to float32, as numpy mixes it into float32 arrays. */
    public float lengthSquared;
    /** sigma^2 in float64. */
    public double sigmaSquared;
    /** min(start score, end score). */
    public float value;
}
