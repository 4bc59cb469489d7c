package dev.segpack.poseh5;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;

/**
 * One image of a person-pose HDF5 dataset, unpacked: the BGR pixels (h·w·3 bytes, row-major), the
 * instance index map (1..n for the non-crowd instances, in keypoints order; 0 elsewhere), the crowd
 * and unannotated masks, and the keypoints of each instance. All buffers live in the arena passed
 * to {@link PoseH5Dataset#read}.
 */
public record PoseSample(long imageId, int h, int w, java.lang.foreign.MemorySegment bgr, LabelMap instanceIndex,
        Mask crowd, Mask unannotated, int[][] keypoints) {

    /** Number of non-crowd instances (the rows of the keypoints attribute). */
    public int instances() {
        return keypoints.length;
    }

}
