package dev.segpack.dataset;

import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleOps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * datumaro's instance grouping for the instances and keypoints tasks: boxes, polygons and masks are
 * grouped by {@code group} (each ungrouped one is an instance of its own), each group becomes one
 * {@link Instance} as the segmentation mode decides, and with crop-covered the instances are ordered
 * by z-order and cut by the ones in front of them ({@link CoveredSegments}).
 */
final class InstanceBuilder {

    private final ExportContext context;

    InstanceBuilder(ExportContext context) {
        this.context = context;
    }

    /** Boxes, polygons and masks: the kinds an instance is made of. */
    static boolean isInstancePart(Annotation a) {
        return a instanceof Annotation.Box || a instanceof Annotation.Polygon || a instanceof Annotation.RleMask;
    }

    /** The instances of {@code item}, whose image size must be known. */
    List<Instance> instances(Item item) {
        int h = item.image().height();
        int w = item.image().width();
        List<Instance> instances = new ArrayList<>();
        for (List<Annotation> group : groups(item.annotations())) {
            instances.add(parts(group, h, w, item));
        }
        if (context.cropCovered()) {
            checkDecodable(item, h, w);
            return cropCovered(instances, h, w);
        }
        return instances;
    }

    /** Masks turned into polygons are decoded to pixels: the image must be within the {@link PixelLimit}. */
    private static void checkDecodable(Item item, int h, int w) {
        Optional<String> excess = PixelLimit.excess(h, w);
        if (excess.isPresent()) {
            throw new IllegalArgumentException("item '" + item.id() + "': cannot decode its masks to find polygons: the image is "
                    + excess.get());
        }
    }

    /**
     * find_instances: the instance parts stably sorted by group; group 0 gives one instance per
     * annotation, every other group one instance.
     */
    static List<List<Annotation>> groups(List<Annotation> annotations) {
        List<Annotation> parts = new ArrayList<>();
        for (Annotation a : annotations) {
            if (isInstancePart(a)) {
                parts.add(a);
            }
        }
        parts.sort(Comparator.comparingLong(a -> a.info().group()));
        List<List<Annotation>> groups = new ArrayList<>();
        for (int i = 0; i < parts.size(); ) {
            long g = parts.get(i).info().group();
            int end = i;
            while (end < parts.size() && parts.get(end).info().group() == g) {
                end++;
            }
            if (g == 0) {
                for (int k = i; k < end; k++) {
                    groups.add(List.of(parts.get(k)));
                }
            } else {
                groups.add(List.copyOf(parts.subList(i, end)));
            }
            i = end;
        }
        return groups;
    }

    /** find_instance_parts. */
    private Instance parts(List<Annotation> group, int h, int w, Item item) {
        List<Annotation.Box> boxes = new ArrayList<>();
        List<Annotation.Polygon> polygonAnns = new ArrayList<>();
        List<Annotation.RleMask> masks = new ArrayList<>();
        for (Annotation a : group) {
            switch (a) {
                case Annotation.Box b -> boxes.add(b);
                case Annotation.Polygon p -> polygonAnns.add(p);
                case Annotation.RleMask m -> {
                    checkSize(m, h, w, item);
                    masks.add(m);
                }
                default -> throw new IllegalStateException("not an instance part: " + a);
            }
        }
        List<Annotation> ordered = new ArrayList<>(boxes);
        ordered.addAll(polygonAnns);
        ordered.addAll(masks);
        Annotation leader = leader(ordered);
        double[] bbox = maxBbox(boxes.isEmpty() ? ordered : List.copyOf(boxes));
        List<double[]> polygons = new ArrayList<>();
        for (Annotation.Polygon p : polygonAnns) {
            polygons.add(p.points());
        }
        boolean useMasks = switch (context.mode()) {
            case GUESS -> {
                Attributes attributes = leader.info().attributes();
                if (attributes.contains(Attributes.IS_CROWD)) {
                    // datumaro tests `True is value`: only a boolean true counts
                    yield Boolean.TRUE.equals(attributes.get(Attributes.IS_CROWD));
                }
                yield masks.stream().anyMatch(m -> m.info().label() == leader.info().label());
            }
            case POLYGONS -> false;
            case MASK -> true;
        };
        Rle mask = null;
        if (useMasks) {
            List<Rle> parts = new ArrayList<>();
            for (Annotation.RleMask m : masks) {
                parts.add(m.rle());
            }
            if (!polygons.isEmpty()) {
                parts.add(polygonsMask(polygons, h, w));
            }
            if (!parts.isEmpty()) {
                mask = RleOps.union(parts);
            }
            polygons = new ArrayList<>();
        } else if (!masks.isEmpty()) {
            List<Rle> parts = new ArrayList<>();
            for (Annotation.RleMask m : masks) {
                parts.add(m.rle());
            }
            checkDecodable(item, h, w);
            polygons.addAll(MaskPolygons.of(RleOps.union(parts), CoveredSegments.AREA_THRESHOLD));
        }
        return new Instance(leader, polygons, mask, bbox);
    }

    private static void checkSize(Annotation.RleMask m, int h, int w, Item item) {
        if (m.rle().h() != h || m.rle().w() != w) {
            throw new IllegalArgumentException("item '" + item.id() + "': mask annotation " + m.info().id() + " is "
                    + m.rle().h() + "x" + m.rle().w() + " but its image is " + h + "x" + w);
        }
    }

    /** find_group_leader: the first annotation of largest area. */
    private static Annotation leader(List<Annotation> anns) {
        Annotation best = anns.get(0);
        double bestArea = area(best);
        for (Annotation a : anns) {
            double area = area(a);
            if (area > bestArea) {
                best = a;
                bestArea = area;
            }
        }
        return best;
    }

    /** get_area: box w·h, polygon shoelace, mask pixel count. */
    static double area(Annotation a) {
        return switch (a) {
            case Annotation.Box b -> b.area();
            case Annotation.Polygon p -> p.area();
            case Annotation.RleMask m -> MaskApi.area(m.rle());
            default -> 0;
        };
    }

    /** get_bbox [x, y, w, h]: a box's own, a polygon's extent, a mask's toBbox (datumaro's RleMask). */
    static double[] bbox(Annotation a) {
        return switch (a) {
            case Annotation.Box b -> new double[] {b.x(), b.y(), b.w(), b.h()};
            case Annotation.Polygon p -> extent(p.points(), null);
            case Annotation.RleMask m -> {
                Bbox b = MaskApi.toBbox(m.rle());
                yield new double[] {b.x(), b.y(), b.w(), b.h()};
            }
            case Annotation.Points p -> extent(p.xy(), p.visibility());
            default -> throw new IllegalArgumentException("no box for " + a.getClass().getSimpleName());
        };
    }

    /** [x0, y0, x1 − x0, y1 − y0] over the points (those not absent when visibilities are given), zeros if none. */
    private static double[] extent(double[] xy, int[] visibility) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < xy.length / 2; k++) {
            if (visibility != null && visibility[k] == 0) {
                continue;
            }
            x0 = Math.min(x0, xy[2 * k]);
            x1 = Math.max(x1, xy[2 * k]);
            y0 = Math.min(y0, xy[2 * k + 1]);
            y1 = Math.max(y1, xy[2 * k + 1]);
        }
        if (x0 == Double.POSITIVE_INFINITY) {
            return new double[4];
        }
        return new double[] {x0, y0, x1 - x0, y1 - y0};
    }

    /** max_bbox: the box around all the annotations' boxes. */
    private static double[] maxBbox(List<Annotation> anns) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Annotation a : anns) {
            double[] b = bbox(a);
            x0 = Math.min(x0, b[0]);
            y0 = Math.min(y0, b[1]);
            x1 = Math.max(x1, b[0] + b[2]);
            y1 = Math.max(y1, b[1] + b[3]);
        }
        return new double[] {x0, y0, x1 - x0, y1 - y0};
    }

    /** rles_to_mask: the union of the polygons' COCO rasterisations. */
    static Rle polygonsMask(List<double[]> polygons, int h, int w) {
        List<Rle> parts = new ArrayList<>(polygons.size());
        for (double[] p : polygons) {
            parts.add(MaskApi.frPoly(p, h, w));
        }
        return MaskApi.merge(parts, false);
    }

    /**
     * crop_segments: instances stably sorted by the leader's z-order; each polygon and each mask is a
     * segment; an instance gets back its polygons' results joined, or its mask's result. An empty
     * mask stays an empty mask (datumaro fails on it).
     */
    private static List<Instance> cropCovered(List<Instance> instances, int h, int w) {
        List<Instance> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparingInt(i -> i.leader().info().zOrder()));
        List<CoveredSegments.Segment> segments = new ArrayList<>();
        int[] firstSegment = new int[sorted.size()];
        int[] segmentCount = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Instance inst = sorted.get(i);
            firstSegment[i] = segments.size();
            if (!inst.polygons().isEmpty()) {
                for (double[] p : inst.polygons()) {
                    segments.add(new CoveredSegments.PolygonSegment(p));
                }
            } else if (inst.mask() != null) {
                segments.add(new CoveredSegments.MaskSegment(inst.mask()));
            }
            segmentCount[i] = segments.size() - firstSegment[i];
        }
        List<CoveredSegments.Cropped> cropped = CoveredSegments.crop(segments, h, w);
        List<Instance> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Instance inst = sorted.get(i);
            if (segmentCount[i] == 0) {
                out.add(new Instance(inst.leader(), List.of(), null, inst.bbox()));
            } else if (!inst.polygons().isEmpty()) {
                List<double[]> polygons = new ArrayList<>();
                for (int s = firstSegment[i]; s < firstSegment[i] + segmentCount[i]; s++) {
                    polygons.addAll(cropped.get(s).polygons());
                }
                out.add(new Instance(inst.leader(), polygons, null, inst.bbox()));
            } else {
                Rle mask = cropped.get(firstSegment[i]).mask();
                out.add(new Instance(inst.leader(), List.of(), mask != null ? mask : empty(h, w), inst.bbox()));
            }
        }
        return out;
    }

    private static Rle empty(int h, int w) {
        return Rle.of(h, w, new int[] {(int) ((long) h * w)});
    }
}
