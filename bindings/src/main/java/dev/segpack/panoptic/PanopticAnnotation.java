package dev.segpack.panoptic;

import java.util.List;
import java.util.Map;

/**
 * One entry of a panoptic JSON's "annotations": the image, its PNG's file name and its segments_info.
 *
 * @param segments    the segments in file order
 * @param imageHeight the height of image_id's entry in "images" (0 when the file gives none)
 * @param imageWidth  the width of image_id's entry in "images" (0 when the file gives none)
 */
public record PanopticAnnotation(long imageId, String fileName, List<SegmentInfo> segments, int imageHeight,
                                 int imageWidth) {

    /** An annotation whose image size is not known: its PNG's size is taken as it is. */
    public PanopticAnnotation(long imageId, String fileName, List<SegmentInfo> segments) {
        this(imageId, fileName, segments, 0, 0);
    }

    /**
     * One segments_info entry: its id (the PNG colour), category, and every field as the file holds
     * them, in order, for rewriting.
     */
    public record SegmentInfo(int id, int categoryId, Map<String, Object> fields) {
    }
}
