package dev.segpack.engine.cityscapes;

import java.util.Objects;

/**
 * One object of a {@code *_polygons.json} frame as annotation.py's CsPoly reads it: its label as written
 * (possibly {@code <name>group}), its polygon as x0, y0, x1, y1, … exactly as in the file, and whether
 * {@code deleted} is truthy. The array is not copied.
 */
public record PolygonObject(String label, double[] xy, boolean deleted) {
    public PolygonObject {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(xy, "xy");
    }
}
