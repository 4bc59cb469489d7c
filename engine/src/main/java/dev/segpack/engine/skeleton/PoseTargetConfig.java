package dev.segpack.engine.skeleton;

/**
 * The arguments of PYSKL's {@code GeneratePoseTarget}, with the code's defaults (which differ from
 * its docstring for the limb flip pairs). {@code maps} replaces the pair {@code with_kp /
 * with_limb}, of which the original asserts exactly one is set. {@code flipPairs} says which
 * channels swap under {@code double}: the left/right keypoints for keypoint maps, the left/right
 * limbs for limb maps.
 *
 * @param sigma the Gaussian's sigma in pixels
 * @param useScore scale each Gaussian by the keypoint's score (else by 1)
 * @param maps keypoint maps (one channel per joint) or limb maps (one per skeleton pair)
 * @param skeleton the limbs as (start, end) joint pairs
 * @param doubled append the horizontally flipped heatmaps with left/right channels swapped
 * @param leftKp left keypoints, swapped with {@code rightKp} under {@code doubled}
 * @param rightKp right keypoints
 * @param leftLimb left limbs (indices into {@code skeleton}), swapped with {@code rightLimb}
 * @param rightLimb right limbs
 * @param scaling multiplies the image shape (rounded) and the coordinates (in float32)
 */
public record PoseTargetConfig(double sigma, boolean useScore, Maps maps, int[][] skeleton, boolean doubled,
        int[] leftKp, int[] rightKp, int[] leftLimb, int[] rightLimb, double scaling) {

    /** Which heatmaps are drawn. */
    public enum Maps { KEYPOINTS, LIMBS }

    /** The COCO-17 skeleton, the code's default. */
    public static final int[][] COCO_SKELETON = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {0, 5}, {5, 7}, {7, 9}, {0, 6},
        {6, 8}, {8, 10}, {5, 11}, {11, 13}, {13, 15}, {6, 12}, {12, 14}, {14, 16}, {11, 12}};
    public static final int[] COCO_LEFT_KP = {1, 3, 5, 7, 9, 11, 13, 15};
    public static final int[] COCO_RIGHT_KP = {2, 4, 6, 8, 10, 12, 14, 16};
    public static final int[] COCO_LEFT_LIMB = {0, 2, 4, 5, 6, 10, 11, 12};
    public static final int[] COCO_RIGHT_LIMB = {1, 3, 7, 8, 9, 13, 14, 15};

    public PoseTargetConfig {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a positive number, not " + sigma);
        }
        if (!(scaling > 0) || Double.isInfinite(scaling)) {
            throw new IllegalArgumentException("scaling must be a positive number, not " + scaling);
        }
        if (maps == null) {
            throw new IllegalArgumentException("exactly one of keypoint maps and limb maps must be chosen");
        }
        skeleton = skeleton.clone();
        for (int i = 0; i < skeleton.length; i++) {
            if (skeleton[i].length != 2 || skeleton[i][0] < 0 || skeleton[i][1] < 0) {
                throw new IllegalArgumentException("limb " + i + " is not a pair of joint indices");
            }
            skeleton[i] = skeleton[i].clone();
        }
        leftKp = pairedCopy(leftKp, rightKp, "left_kp/right_kp");
        rightKp = rightKp.clone();
        leftLimb = pairedCopy(leftLimb, rightLimb, "left_limb/right_limb");
        rightLimb = rightLimb.clone();
    }

    private static int[] pairedCopy(int[] left, int[] right, String what) {
        // zip() in the original stops at the shorter table; refusing a mismatch is clearer
        if (left.length != right.length) {
            throw new IllegalArgumentException(what + " differ in length: " + left.length + " and " + right.length);
        }
        return left.clone();
    }

    /** {@code GeneratePoseTarget(with_kp=True, with_limb=False)} with every other default (sigma 0.6, scores used, COCO tables). */
    public static PoseTargetConfig keypoints() {
        return new PoseTargetConfig(0.6, true, Maps.KEYPOINTS, COCO_SKELETON, false, COCO_LEFT_KP, COCO_RIGHT_KP,
                COCO_LEFT_LIMB, COCO_RIGHT_LIMB, 1.0);
    }

    /** {@code GeneratePoseTarget(with_kp=False, with_limb=True)} with every other default. */
    public static PoseTargetConfig limbs() {
        return keypoints().withMaps(Maps.LIMBS);
    }

    public PoseTargetConfig withMaps(Maps newMaps) {
        return new PoseTargetConfig(sigma, useScore, newMaps, skeleton, doubled, leftKp, rightKp, leftLimb, rightLimb, scaling);
    }

    public PoseTargetConfig withSigma(double newSigma) {
        return new PoseTargetConfig(newSigma, useScore, maps, skeleton, doubled, leftKp, rightKp, leftLimb, rightLimb, scaling);
    }

    public PoseTargetConfig withUseScore(boolean newUseScore) {
        return new PoseTargetConfig(sigma, newUseScore, maps, skeleton, doubled, leftKp, rightKp, leftLimb, rightLimb, scaling);
    }

    public PoseTargetConfig withDoubled(boolean newDoubled) {
        return new PoseTargetConfig(sigma, useScore, maps, skeleton, newDoubled, leftKp, rightKp, leftLimb, rightLimb, scaling);
    }

    public PoseTargetConfig withScaling(double newScaling) {
        return new PoseTargetConfig(sigma, useScore, maps, skeleton, doubled, leftKp, rightKp, leftLimb, rightLimb, newScaling);
    }

    /** Another skeleton (e.g. NTU's 25 joints) with its left/right keypoint and limb tables. */
    public PoseTargetConfig withSkeleton(int[][] newSkeleton, int[] newLeftKp, int[] newRightKp, int[] newLeftLimb,
            int[] newRightLimb) {
        return new PoseTargetConfig(sigma, useScore, maps, newSkeleton, doubled, newLeftKp, newRightKp, newLeftLimb,
                newRightLimb, scaling);
    }

    /** Channels per frame for keypoints with {@code joints} joints. */
    public int channels(int joints) {
        return maps == Maps.KEYPOINTS ? joints : skeleton.length;
    }

    /**
     * Which source channel each channel of a flipped frame takes:
     * {@code indices = arange(C); indices[l] = r; indices[r] = l} pair by pair, in order.
     */
    int[] flipSources(int channels) {
        int[] indices = new int[channels];
        for (int c = 0; c < channels; c++) {
            indices[c] = c;
        }
        int[] left = maps == Maps.KEYPOINTS ? leftKp : leftLimb;
        int[] right = maps == Maps.KEYPOINTS ? rightKp : rightLimb;
        for (int i = 0; i < left.length; i++) {
            if (left[i] < 0 || left[i] >= channels || right[i] < 0 || right[i] >= channels) {
                throw new IllegalArgumentException("flip pair (" + left[i] + ", " + right[i] + ") outside the " + channels + " channels");
            }
            indices[left[i]] = right[i];
            indices[right[i]] = left[i];
        }
        return indices;
    }
}
