package dev.segpack.engine.skeleton;

/**
 * PYSKL's {@code Resize(scale=(w, h), keep_ratio=False)} on keypoints: the image becomes
 * {@code width x height} and every coordinate (0s included) is multiplied by the float32 factors
 * {@code new_w / img_w} and {@code new_h / img_h}. The toolbox's scale is (w, h): width first.
 */
public final class Resize {

    private final int width;
    private final int height;

    public Resize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("resize scale must be positive, not (" + width + ", " + height + ")");
        }
        this.width = width;
        this.height = height;
    }

    public PoseFrames apply(PoseFrames pose) {
        if (pose.width() == 0 || pose.height() == 0) {
            throw new IllegalArgumentException("cannot resize an image of shape (" + pose.height() + ", " + pose.width() + ")");
        }
        float fx = (float) ((double) width / pose.width());
        float fy = (float) ((double) height / pose.height());
        float[] kp = pose.coords().clone();
        for (int i = 0; i < kp.length; i += 2) {
            kp[i] *= fx;
            kp[i + 1] *= fy;
        }
        return pose.withCoords(kp, height, width);
    }
}
