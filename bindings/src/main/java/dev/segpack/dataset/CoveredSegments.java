package dev.segpack.dataset;

import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleOps;
import java.util.ArrayList;
import java.util.List;

/**
 * datumaro's {@code crop_covered_segments(segments, width, height, iou_threshold=0,
 * ratio_tolerance=0.001, area_threshold=1)}: each segment, ordered back to front, loses the pixels
 * of the segments in front of it. For a bottom segment and each later one whose IoU with it exceeds
 * 0: when the later one lies inside it (area ratio ≈ IoU) no hole is cut for it; when the later one
 * covers it (1 / ratio ≈ IoU) the bottom is kept whole (an annotation mistake, datumaro's comment
 * says); otherwise the later one is cut out. A segment of less than 1 pixel comes out empty.
 * An uncut polygon comes out as it was; a cut polygon comes out as
 * {@link MaskPolygons} of what is left; a mask comes out as a mask.
 *
 * <p>Done on RLE (IoU, merge, difference) instead of decoded masks; the results are the same.
 */
public final class CoveredSegments {

    static final double IOU_THRESHOLD = 0.0;
    static final double RATIO_TOLERANCE = 0.001;
    static final long AREA_THRESHOLD = 1;

    /** A segment: one polygon, or one mask. */
    public sealed interface Segment {
    }

    public record PolygonSegment(double[] polygon) implements Segment {
    }

    public record MaskSegment(Rle mask) implements Segment {
    }

    /** What a segment became: the polygons left of a polygon (maybe none), or the mask left (null when empty). */
    public record Cropped(List<double[]> polygons, Rle mask) {
    }

    private CoveredSegments() {
    }

    public static List<Cropped> crop(List<Segment> segments, int h, int w) {
        List<Rle> rles = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            rles.add(switch (s) {
                case PolygonSegment p -> MaskApi.frPoly(p.polygon(), h, w);
                case MaskSegment m -> m.mask();
            });
        }
        List<Cropped> out = new ArrayList<>(segments.size());
        boolean[] none = {false};
        for (int i = 0; i < segments.size(); i++) {
            Rle bottom = rles.get(i);
            Segment segment = segments.get(i);
            long bottomArea = MaskApi.area(bottom);
            if (bottomArea < AREA_THRESHOLD) {
                out.add(new Cropped(List.of(), null));
                continue;
            }
            List<Rle> tops = new ArrayList<>();
            for (int j = i + 1; j < rles.size(); j++) {
                Rle top = rles.get(j);
                double iou = MaskApi.iou(List.of(bottom), List.of(top), none)[0][0];
                if (iou <= IOU_THRESHOLD) {
                    continue;
                }
                double ratio = (double) MaskApi.area(top) / bottomArea;
                if (Math.abs(ratio - iou) < RATIO_TOLERANCE) {
                    continue; // the top lies inside the bottom: no hole
                }
                if (Math.abs(1 / ratio - iou) < RATIO_TOLERANCE) {
                    tops.clear(); // the top covers the bottom: keep the bottom whole
                    break;
                }
                tops.add(top);
            }
            if (segment instanceof PolygonSegment p) {
                if (tops.isEmpty()) {
                    out.add(new Cropped(List.of(p.polygon()), null));
                } else {
                    out.add(new Cropped(MaskPolygons.of(visible(bottom, tops), AREA_THRESHOLD), null));
                }
            } else {
                out.add(new Cropped(List.of(), tops.isEmpty() ? RleOps.canonical(bottom) : visible(bottom, tops)));
            }
        }
        return out;
    }

    private static Rle visible(Rle bottom, List<Rle> tops) {
        return RleOps.canonical(RleOps.subtract(bottom, MaskApi.merge(tops, false)));
    }
}
