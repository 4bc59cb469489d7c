package dev.segpack.panoptic;

import java.util.List;
import java.util.Map;

/**
 * One entry of a panoptic JSON's "annotations": the image, its PNG's file name and its segments_info.
 *
 * @param segments the segments in file order
 */
public record PanopticAnnotation(long imageId, String fileName, List<SegmentInfo> segments) {

    /**
     * One segments_info entry: its id (the PNG colour), category, and every field as the file holds
     * them, in order, for rewriting.
     */
    public record SegmentInfo(int id, int categoryId, Map<String, Object> fields) {
    }
}
