package dev.segpack.engine.skeleton;

import dev.segpack.engine.simd.Kernels;

/**
 * The per-pixel work of the heatmaps, one window row at a time, into a heap plane: scalar
 * ({@link ScalarPatchRows}) or on the Vector API ({@link VectorPatchRows}), chosen once with the
 * engine's own choice ({@link Kernels#provider()}: the vector kernels when the incubator module is
 * readable, the CPU's vectors are wide enough and {@code -Dsegpack.simd=false} is not set). Both
 * give the same bits (the limb maps' float64 exp aside, see {@link VectorPatchRows}).
 */
interface PatchRows {

    /** The implementation this JVM uses. */
    static PatchRows forThisJvm() {
        return Holder.INSTANCE;
    }

    /**
     * A row of a keypoint Gaussian: for x in [x0, x1),
     * {@code plane[row + x] = max(plane[row + x], exp(-(columns[x] + dy2) / 2 / sigmaSquared) * value)}, in float32.
     */
    void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared, float value);

    /** A row of a limb tube at height {@code y}, x in [x0, x1), see {@link Limb}. */
    void limbRow(float[] plane, int row, int x0, int x1, Limb limb, float y, float toStartY, float toEndY);

    /** The geometry of the limb being drawn (set by the painter per limb, read per row). */
    final class Limb {
        /** x as float32, per column. */
        float[] xs;
        /** (x - ax)^2 and (x - bx)^2, float32, per column of the window. */
        float[] toStartX;
        float[] toEndX;
        float ax;
        float ay;
        /** end - start, float32. */
        float dirX;
        float dirY;
        /** |ab|^2 rounded to float32, as numpy mixes it into float32 arrays. */
        float lengthSquared;
        /** sigma^2 in float64. */
        double sigmaSquared;
        /** min(start score, end score). */
        float value;
    }

    /** Lazy, so that a JVM without the Vector API never loads the vector class. */
    final class Holder {
        static final PatchRows INSTANCE = select();

        private Holder() {
        }

        private static PatchRows select() {
            if (!Kernels.provider().name().equals("vector")) {
                return new ScalarPatchRows();
            }
            try {
                return (PatchRows) Class.forName("dev.segpack.engine.skeleton.VectorPatchRows").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.getLogger(PatchRows.class.getName()).log(System.Logger.Level.WARNING,
                        "segpack draws heatmaps with scalar loops: the vector rows could not be loaded: " + e);
                return new ScalarPatchRows();
            }
        }
    }
}
