package dev.segpack.engine.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contours {@link Contours#find} returns, in OpenCV's order, with its hierarchy. All points
 * live in one interleaved x,y array; contour {@code i} holds points {@code offset(i)} to
 * {@code offset(i + 1) - 1}. The hierarchy is OpenCV's: per contour the next and previous contour
 * at the same level, the first child and the parent, each -1 when there is none.
 */
public final class ContourSet {

    private final int[] xy;
    private final int[] offsets;
    private final int[] hierarchy;

    ContourSet(int[] xy, int[] offsets, int[] hierarchy) {
        this.xy = xy;
        this.offsets = offsets;
        this.hierarchy = hierarchy;
    }

    /** The number of contours. */
    public int size() {
        return offsets.length - 1;
    }

    /** The number of points of contour {@code i}. */
    public int pointCount(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Index, in points, of the first point of contour {@code i}; {@code offset(size())} is the total. */
    public int offset(int i) {
        return offsets[i];
    }

    /** x of point {@code k} of contour {@code i}. */
    public int x(int i, int k) {
        return xy[2 * (offsets[i] + checkPoint(i, k))];
    }

    /** y of point {@code k} of contour {@code i}. */
    public int y(int i, int k) {
        return xy[2 * (offsets[i] + checkPoint(i, k)) + 1];
    }

    /** A copy of contour {@code i} as x0, y0, x1, y1, ... */
    public int[] points(int i) {
        return Arrays.copyOfRange(xy, 2 * offsets[i], 2 * offsets[i + 1]);
    }

    /** The next contour at the same level, or -1. */
    public int next(int i) {
        return hierarchy[4 * checkContour(i)];
    }

    /** The previous contour at the same level, or -1. */
    public int previous(int i) {
        return hierarchy[4 * checkContour(i) + 1];
    }

    /** The first child contour, or -1. */
    public int firstChild(int i) {
        return hierarchy[4 * checkContour(i) + 2];
    }

    /** The parent contour, or -1. */
    public int parent(int i) {
        return hierarchy[4 * checkContour(i) + 3];
    }

    /** A copy of the hierarchy, 4 ints per contour: next, previous, first child, parent. */
    public int[] hierarchy() {
        return hierarchy.clone();
    }

    private int checkContour(int i) {
        return Objects.checkIndex(i, size());
    }

    private int checkPoint(int i, int k) {
        return Objects.checkIndex(k, pointCount(i));
    }
}
