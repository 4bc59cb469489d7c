package dev.segpack.maskimg;

import dev.segpack.dataset.Annotation;
import dev.segpack.dataset.AnnotationInfo;
import dev.segpack.dataset.Attributes;
import dev.segpack.dataset.CategorySet;
import dev.segpack.dataset.DatasetReader;
import dev.segpack.dataset.Item;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.engine.geometry.DouglasPeucker;
import dev.segpack.image.ImageFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Mask images as a dataset: one item per image (id = image stem, subset "default", in stem order),
 * one object per mask object, numbered 1, 2, … across the dataset, each object a group of its own
 * (group = its id): its mask annotation and, when objects are traced into polygons, one polygon
 * annotation per outer contour (x, y as cv2.findContours RETR_EXTERNAL + CHAIN_APPROX_SIMPLE gives
 * them, or simplified by cv2.approxPolyDP(closed=True) with the tolerance). An object with a hole,
 * which COCO polygons cannot express, or with a contour of fewer than 3 points (pycocotools
 * misreads such polygons as boxes or refuses them) keeps only its mask. No z-order, no attributes.
 * Files are decoded (and traced) on worker threads a bounded window ahead of the consumer.
 */
public final class MaskImageReader implements DatasetReader {

    /** What the items given so far held, for a summary. */
    public record Counts(long images, long maskFiles, long emptyMasks, long belowMinArea, long objects, long polygons,
                         long withHoles, long thin) {
    }

    /** One image's objects with, per object, its polygons, or null where only its mask is kept. */
    private record Traced(ImageObjects found, List<List<double[]>> polygons) {
    }

    private final MaskLayout.Scan scan;
    private final MaskImageLoader loader;
    private final boolean trace;
    private final double tolerance;
    private final int threads;
    private OrderedPipeline<MaskLayout.ImageGroup, Traced> pipeline;
    private long nextId = 1;
    private long images, maskFiles, emptyMasks, belowMinArea, objects, polygons, withHoles, thin;

    /**
     * @param polygons  whether objects are traced into polygons
     * @param tolerance approxPolyDP tolerance in pixels for the polygons; 0 keeps the contours as they are
     */
    public MaskImageReader(MaskImportOptions options, boolean polygons, double tolerance, int threads)
            throws IOException {
        if (!(tolerance >= 0 && tolerance < 1e30)) {
            throw new IllegalArgumentException("simplification tolerance " + tolerance + " is not in [0, 1e30)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        CategoryMap map = MaskImageLoader.readMap(options);
        this.scan = MaskLayout.scan(options.masks(), options.images(), map, options.layout());
        this.loader = new MaskImageLoader(options, map, polygons, ImageFile.FILES);
        this.trace = polygons;
        this.tolerance = tolerance;
        this.threads = threads;
    }

    @Override
    public CategorySet categories() {
        return scan.categories();
    }

    @Override
    public long itemCount() {
        return scan.images().size();
    }

    /** The counts of the items given so far (all of them once {@link #items} is exhausted). */
    public Counts counts() {
        return new Counts(images, maskFiles, emptyMasks, belowMinArea, objects, polygons, withHoles, thin);
    }

    @Override
    public Iterator<Item> items() {
        if (pipeline != null) {
            throw new IllegalStateException("mask image items can be read once");
        }
        pipeline = OrderedPipeline.of(scan.images().iterator(), group -> trace(loader.load(group)), threads);
        return pipeline.map(this::nextItem);
    }

    /** The item of one traced image, its objects numbered on from the previous image's, counted. */
    private Item nextItem(Traced traced) {
        ImageObjects found = traced.found();
        Item item = item(traced, nextId);
        nextId += found.objects().size();
        for (int i = 0; i < found.objects().size(); i++) {
            ExtractedObject o = found.objects().get(i);
            if (traced.polygons().get(i) != null) {
                polygons++;
            } else if (trace && o.hasHole()) {
                withHoles++;
            } else if (trace) {
                thin++;
            }
        }
        images++;
        maskFiles += found.maskFiles();
        emptyMasks += found.emptyMasks();
        belowMinArea += found.belowMinArea();
        objects += found.objects().size();
        return item;
    }

    /** The item of one traced image, its objects numbered from {@code firstId}. */
    private static Item item(Traced traced, long firstId) {
        ImageObjects found = traced.found();
        List<Annotation> annotations = new ArrayList<>(found.objects().size());
        for (int i = 0; i < found.objects().size(); i++) {
            ExtractedObject o = found.objects().get(i);
            List<double[]> outline = traced.polygons().get(i);
            long id = firstId + i;
            AnnotationInfo info = new AnnotationInfo(id, o.label(), id, 0, Attributes.EMPTY);
            annotations.add(new Annotation.RleMask(info, o.rle()));
            if (outline != null) {
                for (double[] p : outline) {
                    annotations.add(new Annotation.Polygon(info, p));
                }
            }
        }
        return new Item(found.stem(), Item.DEFAULT_SUBSET, found.image(), OptionalLong.empty(), annotations);
    }

    /**
     * Loads single images of a scan apart from a reader, for workers that share out its groups (a
     * Spark task): each group becomes the item {@link #items()} gives for it when objects are not
     * traced, its objects numbered from 1 (the caller numbers them across images), its files' bytes
     * taken from {@code files}; {@code map} is options.categories() read (null without one). Safe to
     * call from many threads when {@code files} is.
     */
    public static Function<MaskLayout.ImageGroup, Item> untracedItems(MaskImportOptions options, CategoryMap map,
            ImageFile.Source files) {
        MaskImageLoader loader = new MaskImageLoader(options, map, false, files);
        return group -> {
            ImageObjects found = loader.load(group);
            return item(new Traced(found, Collections.nCopies(found.objects().size(), null)), 1);
        };
    }

    private Traced trace(ImageObjects found) {
        List<List<double[]>> out = new ArrayList<>(found.objects().size());
        for (ExtractedObject o : found.objects()) {
            out.add(trace && !o.hasHole() ? polygons(o.contours(), tolerance) : null);
        }
        return new Traced(found, out);
    }

    /** The contours as polygons, simplified by approxPolyDP with {@code tolerance} if it is above 0; null when one has fewer than 3 points. */
    public static List<double[]> polygons(List<int[]> contours, double tolerance) {
        List<double[]> out = new ArrayList<>(contours.size());
        for (int[] c : contours) {
            int[] p = tolerance > 0 ? DouglasPeucker.simplifyClosed(c, tolerance) : c;
            if (p.length < 6) {
                return null;
            }
            double[] xy = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                xy[k] = p[k];
            }
            out.add(xy);
        }
        return out;
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
