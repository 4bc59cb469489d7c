package dev.segpack.dataset;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A label category: name and supercategory (datumaro's parent, "" for none), the id it had in its
 * source (a COCO category id) if any, and, for keypoint categories, the keypoint names and skeleton
 * (pairs of 1-based keypoint indices, as COCO writes them). {@code isThing} is the panoptic
 * thing/stuff flag when the source has one.
 */
public record Category(String name, String supercategory, OptionalInt sourceId, List<String> keypoints,
                       List<int[]> skeleton, Boolean isThing) {

    public Category {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(supercategory, "supercategory");
        Objects.requireNonNull(sourceId, "sourceId");
        keypoints = List.copyOf(keypoints);
        skeleton = List.copyOf(skeleton);
        for (int[] joint : skeleton) {
            if (joint.length != 2) {
                throw new IllegalArgumentException("skeleton joint of category '" + name + "' has " + joint.length
                        + " indices, not 2");
            }
        }
    }

    /** A plain category: no source id, keypoints or panoptic flag. */
    public static Category named(String name, String supercategory) {
        return new Category(name, supercategory, OptionalInt.empty(), List.of(), List.of(), null);
    }
}
