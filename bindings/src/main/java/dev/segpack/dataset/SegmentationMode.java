package dev.segpack.dataset;

/** How the exporter writes an instance's segmentation (datumaro's {@code --segmentation-mode}). */
public enum SegmentationMode {
    /** A mask when the group leader's {@code is_crowd} is true, or, without that attribute, when the instance has a mask of the leader's label. */
    GUESS,
    /** Always polygons: masks are turned into polygons (lossy). */
    POLYGONS,
    /** Always a mask: polygons are rasterised and merged with the masks. */
    MASK
}
