package dev.segpack.engine.mask;

/** Pixel order of a 2-D raster held in one flat buffer. */
public enum Order {
    /** C order, numpy's default: index = y * w + x. */
    ROW_MAJOR,
    /** Fortran order, what pycocotools' encode and decode use: index = x * h + y. */
    COLUMN_MAJOR;

    /** Flat index of pixel (y, x) in an h×w raster of this order. */
    public long index(int y, int x, int h, int w) {
        return this == ROW_MAJOR ? (long) y * w + x : (long) x * h + y;
    }
}
