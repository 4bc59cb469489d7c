package dev.segpack.engine.skeleton;

/**
 * The keypoints of one sample as the pose pipeline passes them on: {@code persons} (M) over
 * {@code frames} (T), {@code joints} (V) each, float32 coordinates {@code [M, T, V, 2]} (x, y),
 * float32 scores {@code [M, T, V]} (null when the annotation has none), both C order, and the image
 * shape ({@code height}, {@code width}) the coordinates live in. The arrays are not copied: steps
 * return new instances and never write into the arrays they are given.
 */
public record PoseFrames(int persons, int frames, int joints, float[] coords, float[] scores, int height, int width) {

    public PoseFrames {
        if (persons < 0 || frames < 0 || joints < 0) {
            throw new IllegalArgumentException("negative keypoint shape [" + persons + ", " + frames + ", " + joints + ", 2]");
        }
        long points = (long) persons * frames * joints;
        if (coords == null || coords.length != points * 2) {
            throw new IllegalArgumentException("keypoint must hold M*T*V*2 = " + points * 2 + " values for shape ["
                    + persons + ", " + frames + ", " + joints + ", 2], not " + (coords == null ? "null" : coords.length));
        }
        if (scores != null && scores.length != points) {
            throw new IllegalArgumentException("keypoint_score must hold M*T*V = " + points + " values, not " + scores.length);
        }
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative img_shape (" + height + ", " + width + ")");
        }
    }

    /** Widens float16 keypoints (as the pickles ship them; bits as {@code short}s) exactly, as {@code astype(float32)} does. */
    public static PoseFrames fromFloat16(int persons, int frames, int joints, short[] coords, short[] scores, int height, int width) {
        return new PoseFrames(persons, frames, joints, widen(coords), scores == null ? null : widen(scores), height, width);
    }

    private static float[] widen(short[] halves) {
        float[] out = new float[halves.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.float16ToFloat(halves[i]);
        }
        return out;
    }

    /** Index of (person, frame, joint) into {@link #scores}; twice it (plus 0 or 1) into {@link #coords}. */
    public int point(int person, int frame, int joint) {
        return (person * frames + frame) * joints + joint;
    }

    /** The same keypoints in another image shape, with other coordinates. */
    PoseFrames withCoords(float[] newCoords, int newHeight, int newWidth) {
        return new PoseFrames(persons, frames, joints, newCoords, scores, newHeight, newWidth);
    }
}
