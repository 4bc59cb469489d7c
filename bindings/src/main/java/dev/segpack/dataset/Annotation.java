package dev.segpack.dataset;

import dev.segpack.engine.rle.Rle;
import java.util.Objects;

/**
 * One annotation of a dataset item. The kinds are datumaro's (label, bbox, polygon, mask, points,
 * caption); masks are always held as RLE ({@link RleMask}), never as dense pixels, so an item costs
 * memory in proportion to its runs, not its image size.
 */
public sealed interface Annotation {

    AnnotationInfo info();

    /** A whole-image class label. */
    record Label(AnnotationInfo info) implements Annotation {
        public Label {
            Objects.requireNonNull(info, "info");
        }
    }

    /** An axis-aligned box [x, y, w, h]. */
    record Box(AnnotationInfo info, double x, double y, double w, double h) implements Annotation {
        public Box {
            Objects.requireNonNull(info, "info");
        }

        public double area() {
            return w * h;
        }
    }

    /** A closed polygon x0, y0, x1, y1, … of at least 3 points. */
    record Polygon(AnnotationInfo info, double[] points) implements Annotation {
        public Polygon {
            Objects.requireNonNull(info, "info");
            if (points.length % 2 != 0 || points.length < 6) {
                throw new IllegalArgumentException("a polygon needs an even number of at least 6 coordinates, not "
                        + points.length);
            }
        }

        /** The shoelace area (datumaro's Polygon.get_area), not the rasterised one. */
        public double area() {
            int n = points.length / 2;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                sum += points[2 * i] * points[2 * j + 1] - points[2 * i + 1] * points[2 * j];
            }
            return Math.abs(sum) / 2.0;
        }
    }

    /** A binary mask as COCO RLE, of its image's size. */
    record RleMask(AnnotationInfo info, Rle rle) implements Annotation {
        public RleMask {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(rle, "rle");
        }
    }

    /**
     * Keypoints x0, y0, x1, y1, … with a visibility per point: 0 absent, 1 hidden, 2 visible (COCO's v).
     */
    record Points(AnnotationInfo info, double[] xy, int[] visibility) implements Annotation {
        public Points {
            Objects.requireNonNull(info, "info");
            if (xy.length % 2 != 0 || visibility.length != xy.length / 2) {
                throw new IllegalArgumentException("points need x,y pairs and one visibility each, not "
                        + xy.length + " coordinates and " + visibility.length + " visibilities");
            }
            for (int v : visibility) {
                if (v < 0 || v > 2) {
                    throw new IllegalArgumentException("visibility " + v + " is not 0 (absent), 1 (hidden) or 2 (visible)");
                }
            }
        }
    }

    /** A free-text caption. */
    record Caption(AnnotationInfo info, String text) implements Annotation {
        public Caption {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(text, "text");
        }
    }
}
