package dev.segpack.cityscapes;

import dev.segpack.dataset.Annotation;
import dev.segpack.dataset.AnnotationInfo;
import dev.segpack.dataset.Attributes;
import dev.segpack.dataset.CategorySet;
import dev.segpack.dataset.DatasetReader;
import dev.segpack.dataset.ImageInfo;
import dev.segpack.dataset.Item;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.maskimg.ExtractedObject;
import dev.segpack.maskimg.MaskImageReader;
import dev.segpack.maskimg.ObjectExtractor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * A Cityscapes folder as a dataset of instances: one item per frame of {@link GtFolder#frames} (id
 * {@code <city>_<seq>_<frame>}, subset the split, file name {@code <city>/<frame>_leftImg8bit.png}), and per value v
 * of the frame's rendered instanceIds (or instanceTrainIds) image that is an instance class (see
 * {@link InstanceCategories}) one object: its mask {@code encode(image == v)}, a crowd ({@code is_crowd}) when v is a
 * group region. With {@code polygons}, a non-crowd object also gets its outer contours as {@code masks to-coco}
 * traces them (an object with a hole or a contour under 3 points keeps only its mask). Objects are numbered 1, 2, …
 * across the dataset, in frame order and ascending value; frames are rendered on worker threads. A frame that cannot
 * be drawn stops the reading, or with {@code skipInvalid} is reported as a warning and left out (no image, no
 * objects).
 */
public final class CityscapesInstances implements DatasetReader {

    /** What the items given so far held, for a summary. */
    public record Counts(long frames, long objects, long crowds, long polygons, long skipped) {
    }

    /** A frame's objects, or (all else empty) why it was skipped. */
    private record FrameObjects(GtFolder.FrameFile file, int h, int w, List<Integer> values, List<Rle> masks,
                                List<List<double[]>> polygons, String skipped) {
    }

    private final List<GtFolder.FrameFile> files;
    private final InstanceCategories categories;
    private final CityscapesFrames frames;
    private final ImageType type;
    private final boolean polygons;
    private final boolean skipInvalid;
    private final int threads;
    private final Consumer<String> warnings;
    private final ThreadLocal<ObjectExtractor> extractors = ThreadLocal.withInitial(ObjectExtractor::new);
    private OrderedPipeline<GtFolder.FrameFile, FrameObjects> pipeline;
    private long nextId = 1;
    private long frameCount, objects, crowds, polygonObjects, skipped;

    public CityscapesInstances(Path root, LabelTable table, boolean trainIds, boolean polygons, boolean skipInvalid,
                               int threads, Consumer<String> warnings) throws IOException {
        this.files = GtFolder.frames(root);
        this.categories = new InstanceCategories(table, trainIds);
        this.frames = new CityscapesFrames(table);
        this.type = trainIds ? ImageType.INSTANCE_TRAIN_IDS : ImageType.INSTANCE_IDS;
        this.polygons = polygons;
        this.skipInvalid = skipInvalid;
        this.threads = threads;
        this.warnings = warnings;
    }

    @Override
    public CategorySet categories() {
        return categories.categories();
    }

    @Override
    public long itemCount() {
        return files.size();
    }

    public Counts counts() {
        return new Counts(frameCount, objects, crowds, polygonObjects, skipped);
    }

    @Override
    public Iterator<Item> items() {
        if (pipeline != null) {
            throw new IllegalStateException("Cityscapes items can be read once");
        }
        pipeline = OrderedPipeline.of(files.iterator(), this::objects, threads);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pipeline, Spliterator.ORDERED), false)
                .map(this::item).filter(Objects::nonNull).iterator();
    }

    /** The item of one frame, its objects numbered on from the previous frame's; null for a frame skipped. */
    private Item item(FrameObjects f) {
        if (f.skipped() != null) {
            warnings.accept("skipped " + f.skipped());
            skipped++;
            return null;
        }
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < f.values().size(); i++) {
            int value = f.values().get(i);
            boolean crowd = InstanceCategories.isCrowd(value);
            long id = nextId++;
            AnnotationInfo info = new AnnotationInfo(id, categories.indexOf(value), id, 0,
                    crowd ? Attributes.of(Map.of(Attributes.IS_CROWD, true)) : Attributes.EMPTY);
            annotations.add(new Annotation.RleMask(info, f.masks().get(i)));
            List<double[]> outline = f.polygons().get(i);
            if (outline != null) {
                for (double[] p : outline) {
                    annotations.add(new Annotation.Polygon(info, p));
                }
                polygonObjects++;
            }
            crowds += crowd ? 1 : 0;
        }
        frameCount++;
        objects += f.values().size();
        String name = f.file().frameName();
        return new Item(name, f.file().split(), new ImageInfo(f.file().city() + "/" + name + "_leftImg8bit.png",
                f.h(), f.w()), OptionalLong.empty(), annotations);
    }

    /** The frame's instance objects: masks by ascending value, and the non-crowd ones' polygons when asked for. */
    private FrameObjects objects(GtFolder.FrameFile file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            LabelMap image;
            try {
                image = frames.render(file, Set.of(type)).maps().get(type);
            } catch (CityscapesFormatException e) {
                if (!skipInvalid) {
                    throw e;
                }
                return new FrameObjects(file, 0, 0, List.of(), List.of(), List.of(), e.getMessage());
            }
            List<Integer> values = new ArrayList<>();
            List<Rle> masks = new ArrayList<>();
            for (Map.Entry<Integer, Rle> e : MaskApi.encodeLabels(image).entrySet()) {
                if (categories.indexOf(e.getKey()) >= 0) {
                    values.add(e.getKey());
                    masks.add(e.getValue());
                }
            }
            List<List<double[]>> outlines = new ArrayList<>();
            Map<Integer, List<double[]>> traced = polygons ? trace(image, values, arena) : Map.of();
            for (int value : values) {
                outlines.add(traced.get(value));
            }
            return new FrameObjects(file, image.h(), image.w(), values, masks, outlines, null);
        }
    }

    /** The polygons of each non-crowd value, or none (absent) where only the mask is kept. */
    private Map<Integer, List<double[]>> trace(LabelMap image, List<Integer> values, Arena arena) {
        LabelMap things = LabelMap.allocate(arena, image.h(), image.w(), image.type(), Order.ROW_MAJOR);
        boolean[] keep = new boolean[1 << 16];
        for (int v : values) {
            keep[v] = !InstanceCategories.isCrowd(v);
        }
        for (long i = 0; i < image.pixels(); i++) {
            int v = image.getFlat(i);
            if (keep[v]) {
                things.setFlat(i, v);
            }
        }
        Map<Integer, List<double[]>> out = new HashMap<>();
        for (ExtractedObject o : extractors.get().entries(things, 0, false, true, arena)) {
            if (!o.hasHole()) {
                List<double[]> p = MaskImageReader.polygons(o.contours(), 0);
                if (p != null) {
                    out.put(o.label() + 1, p);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        frames.close();
    }
}
