package dev.segpack.engine.skeleton;

/**
 * PYSKL's {@code PoseDecode}: the frames {@code frame_inds} of every person, in that order
 * ({@code kp[:, frame_inds].astype(float32)}, the same for the scores).
 */
public final class PoseDecode {

    private PoseDecode() {
    }

    public static PoseFrames decode(PoseFrames all, int[] frameInds) {
        int m = all.persons();
        int v = all.joints();
        int t = frameInds.length;
        for (int f : frameInds) {
            if (f < 0 || f >= all.frames()) {
                throw new IllegalArgumentException("frame index " + f + " outside the " + all.frames() + " frames of the keypoints");
            }
        }
        float[] coords = new float[m * t * v * 2];
        float[] scores = all.scores() == null ? null : new float[m * t * v];
        for (int p = 0; p < m; p++) {
            for (int i = 0; i < t; i++) {
                int from = all.point(p, frameInds[i], 0);
                int to = (p * t + i) * v;
                System.arraycopy(all.coords(), 2 * from, coords, 2 * to, 2 * v);
                if (scores != null) {
                    System.arraycopy(all.scores(), from, scores, to, v);
                }
            }
        }
        return new PoseFrames(m, t, v, coords, scores, all.height(), all.width());
    }
}
