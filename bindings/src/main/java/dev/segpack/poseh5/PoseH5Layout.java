package dev.segpack.poseh5;

/**
 * Names of the person-pose HDF5 layout written by the Python recipe with h5py: group
 * {@value #GROUP}; in it one dataset per image named {@code str(image_id)}, shape [h, w, C]
 * (C = 4 for B, G, R and the packed mask byte), with attribute {@value #KEYPOINTS_ATTRIBUTE}
 * holding the image's persons as rows of {@value #COCO_KEYPOINT_VALUES} ints (x, y, v for 17
 * keypoints). h5py stores a non-empty list of int lists as int64 [n, 51] and an empty list as
 * float64 shape (0,).
 */
public final class PoseH5Layout {

    public static final String GROUP = "coco";
    public static final String KEYPOINTS_ATTRIBUTE = "keypoints";
    /** B, G, R and the packed mask byte. */
    public static final int BGRX_CHANNELS = 4;
    public static final int COCO_KEYPOINT_VALUES = 51;

    private PoseH5Layout() {}

    /** The dataset name of an image id, as Python's {@code str(int)} spells it. */
    static String datasetName(long imageId) {
        return Long.toString(imageId);
    }
}
