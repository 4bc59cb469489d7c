package dev.segpack.skeleton;

import dev.segpack.engine.skeleton.PoseFrames;
import dev.segpack.npy.NpyArray;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * One annotation of a PYSKL pickle (BEHAVIOR.md F.1): {@code frame_dir}, {@code total_frames},
 * {@code img_shape}, {@code label}, {@code keypoint [M, T, V, C]}, {@code keypoint_score [M, T, V]},
 * or the Kinetics compressed form ({@code keypoint [N, V, 3]}, {@code frame_inds}). Errors name the
 * file and the annotation (its index and frame_dir).
 */
public final class SkeletonAnnotation {

    private final String file;
    private final int index;
    private final Map<Object, Object> fields;

    SkeletonAnnotation(String file, int index, Map<Object, Object> fields) {
        this.file = file;
        this.index = index;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public int index() {
        return index;
    }

    /** The annotation's dict as read (keys in file order). */
    public Map<Object, Object> fields() {
        return fields;
    }

    /** {@code frame_dir}, or null when it has none (or it is not a str). */
    public String frameDir() {
        return fields.get("frame_dir") instanceof String s ? s : null;
    }

    /** The array stored under {@code key}, or null when there is none. */
    public NpyArray array(String key) {
        Object value = fields.get(key);
        if (value != null && !(value instanceof NpyArray)) {
            throw error(key + " is a " + value.getClass().getSimpleName() + ", not a numpy array");
        }
        return (NpyArray) value;
    }

    /** An int field, or {@code orElse} when absent. */
    public long integer(String key, long orElse) {
        return switch (fields.get(key)) {
            case null -> orElse;
            case Long l -> l;
            case NumpyScalar s when s.value() instanceof Long l -> l;
            default -> throw error(key + " is not an int: " + fields.get(key));
        };
    }

    /** Kinetics compressed form: {@code frame_inds} present (or {@code raw_file}: keypoints in a kpfile). */
    public boolean isCompressed() {
        return fields.containsKey("frame_inds") || fields.containsKey("raw_file");
    }

    /** The keypoint array, checked to be [M, T, V, C] of floats. */
    public NpyArray keypoint() {
        NpyArray kp = array("keypoint");
        if (kp == null) {
            throw error("has no keypoint");
        }
        if (kp.ndim() != 4) {
            throw error("keypoint has shape " + Arrays.toString(kp.shape()) + "; expected [M, T, V, C] (4-D)"
                    + (isCompressed() ? "; it is compressed: run 'skeleton decompress' first" : ""));
        }
        if (!ArrayValues.isFloat(kp)) {
            throw error("keypoint is " + kp.dtype() + "; expected float16, float32 or float64");
        }
        return kp;
    }

    /** C of the keypoints: 2 for 2-D (x, y), 3 for 3-D. */
    public long coordinates() {
        return keypoint().dim(3);
    }

    /** {@code img_shape} (h, w). */
    public int[] imageShape() {
        if (!(fields.get("img_shape") instanceof PyTuple t) || t.size() != 2 || !(t.get(0) instanceof Long h)
                || !(t.get(1) instanceof Long w) || h < 0 || w < 0 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            throw error("img_shape is " + fields.get("img_shape") + "; expected a tuple (h, w) of sizes");
        }
        return new int[] {(int) (long) h, (int) (long) w};
    }

    /** The 2-D keypoints and scores (widened exactly to float32) in the image {@code img_shape}. */
    public PoseFrames poseFrames() {
        NpyArray kp = keypoint();
        long[] s = kp.shape();
        if (s[3] != 2) {
            throw error("keypoint has " + s[3] + " coordinates per joint; heatmaps need 2-D keypoints [M, T, V, 2]");
        }
        NpyArray score = array("keypoint_score");
        if (score != null && !(score.ndim() == 3 && score.dim(0) == s[0] && score.dim(1) == s[1] && score.dim(2) == s[2])) {
            throw error("keypoint_score has shape " + Arrays.toString(score.shape()) + "; expected [M, T, V] = "
                    + Arrays.toString(Arrays.copyOf(s, 3)) + " as keypoint");
        }
        if (score != null && !ArrayValues.isFloat(score)) {
            throw error("keypoint_score is " + score.dtype() + "; expected float16, float32 or float64");
        }
        if (kp.elementCount() > Integer.MAX_VALUE - 8) {
            throw error("keypoint has too many values for one sample: " + kp.elementCount());
        }
        int[] hw = imageShape();
        try {
            return new PoseFrames((int) s[0], (int) s[1], (int) s[2], ArrayValues.floats(kp),
                    score == null ? null : ArrayValues.floats(score), hw[0], hw[1]);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** An error about this annotation: "FILE: annotation I (frame_dir D): message". */
    public IllegalArgumentException error(String message) {
        String dir = frameDir();
        return new IllegalArgumentException(file + ": annotation " + index + (dir != null ? " (frame_dir " + dir + ")" : "")
                + ": " + message);
    }
}
