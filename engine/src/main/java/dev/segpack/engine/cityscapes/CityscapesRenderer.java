package dev.segpack.engine.cityscapes;

import dev.segpack.engine.geometry.PillowPolygonFill;
import dev.segpack.engine.geometry.RowRuns;
import dev.segpack.engine.geometry.RowSpans;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a frame's label and instance images exactly as cityscapesScripts 2.2.4's
 * {@code json2labelImg.createLabelImage} and {@code json2instanceImg.createInstanceImage} do with Pillow 9.4:
 * <ul>
 * <li>background: the table's {@code unlabeled} label (id, trainId, or its colour with alpha 255);
 * <li>objects in list order, later ones on top; deleted objects are skipped;
 * <li>a label not in the table that ends in {@code group} is looked up without it; still unknown: an
 *     {@link InvalidObjectException} (cityscapesScripts exits);
 * <li>label images skip labels with id &lt; 0 (license plate) in every encoding and draw the id, the
 *     trainId (an 8-bit image clips a trainId of −1 to 0, as Pillow does) or the colour;
 * <li>instance images: for a label with instances, not written as a group, whose id (or trainId) is not
 *     255, the value is id·1000 + k, k counting that label's objects from 0 (the count advances even when
 *     the value is then skipped); otherwise the plain id; values below 0 are skipped.
 * </ul>
 * Each object's polygon is traced once and painted into every requested image: pixels into label maps
 * ({@link #render}), or runs of pixels per row ({@link #renderRuns}), which hold the same images. Reuses scratch
 * space between frames: one renderer per thread.
 */
public final class CityscapesRenderer {

    private static final int SKIP = Integer.MIN_VALUE;
    private static final ImageType[] TYPES = ImageType.values();

    private final LabelTable table;
    private final Label background;
    private final PillowPolygonFill fill = new PillowPolygonFill();
    private final ImageRuns runs = new ImageRuns();

    public CityscapesRenderer(LabelTable table) {
        this.table = table;
        this.background = table.byName("unlabeled").orElseThrow(() -> new IllegalArgumentException(
                "the label table has no 'unlabeled' label, which cityscapesScripts takes for the background"));
    }

    /** Row-major maps for the given images, of the types their PNGs hold ({@link ImageType#pngType()}). */
    public static Map<ImageType, LabelMap> allocate(Arena arena, int h, int w, Set<ImageType> types) {
        Map<ImageType, LabelMap> maps = new EnumMap<>(ImageType.class);
        for (ImageType type : types) {
            maps.put(type, LabelMap.allocate(arena, h, w, type.pngType(), Order.ROW_MAJOR));
        }
        return maps;
    }

    /**
     * Draws {@code objects} into every map of {@code targets}, each an h×w row-major map of a type its
     * image accepts. Every object is checked before anything is drawn; the first one cityscapesScripts
     * could not draw throws.
     */
    public void render(int h, int w, List<PolygonObject> objects, Map<ImageType, LabelMap> targets) {
        LabelMap[] maps = new LabelMap[TYPES.length];
        for (Map.Entry<ImageType, LabelMap> e : targets.entrySet()) {
            maps[e.getKey().ordinal()] = checked(e.getKey(), e.getValue(), h, w);
        }
        LabelType[] inkTypes = new LabelType[TYPES.length];
        for (ImageType type : targets.keySet()) {
            inkTypes[type.ordinal()] = maps[type.ordinal()].type();
        }
        int[] inks = plan(objects, inkTypes);
        for (ImageType type : targets.keySet()) {
            LabelMap map = maps[type.ordinal()];
            RowSpans.write(map, 0, map.pixels(), ink(type, map.type(), background, labelValue(type, background)));
        }
        for (int o = 0; o < objects.size(); o++) {
            RowSpans spans = null;
            for (int t = 0; t < TYPES.length; t++) {
                int ink = inks[o * TYPES.length + t];
                if (ink == SKIP) {
                    continue;
                }
                if (spans == null) {
                    spans = fill.trace(objects.get(o).xy(), h, w);
                }
                spans.paint(maps[t], ink);
            }
        }
    }

    /**
     * The images of {@link #render} as runs of equal pixels per row, each pixel the ink render writes into a map
     * of the image's {@link ImageType#pngType()}. The result is this renderer's, valid until it renders again.
     */
    public ImageRuns renderRuns(int h, int w, List<PolygonObject> objects, Set<ImageType> types) {
        LabelType[] inkTypes = new LabelType[TYPES.length];
        for (ImageType type : types) {
            inkTypes[type.ordinal()] = type.pngType();
        }
        int[] inks = plan(objects, inkTypes);
        int[] backgrounds = new int[TYPES.length];
        for (ImageType type : types) {
            backgrounds[type.ordinal()] = ink(type, inkTypes[type.ordinal()], background, labelValue(type, background));
        }
        runs.reset(h, w, types, objects.size(), inks, backgrounds, SKIP);
        for (int o = 0; o < objects.size(); o++) {
            RowSpans spans = null;
            for (ImageType type : types) {
                RowRuns layer = runs.ownLayer(type);
                if (layer == null || inks[o * TYPES.length + type.ordinal()] == SKIP) {
                    continue;
                }
                if (spans == null) {
                    spans = fill.trace(objects.get(o).xy(), h, w);
                }
                spans.paint(layer, o + 1);
            }
        }
        return runs;
    }

    /** The ink of every object in every image of a type in {@code inkTypes}, or SKIP; throws for the first undrawable object. */
    private int[] plan(List<PolygonObject> objects, LabelType[] inkTypes) {
        int[] inks = new int[objects.size() * TYPES.length];
        Arrays.fill(inks, SKIP);
        Map<String, int[]> instanceCounts = new HashMap<>();
        for (int o = 0; o < objects.size(); o++) {
            PolygonObject object = objects.get(o);
            if (object.deleted()) {
                continue;
            }
            String name = object.label();
            boolean group = false;
            if (table.byName(name).isEmpty() && name.endsWith("group")) {
                name = name.substring(0, name.length() - "group".length());
                group = true;
            }
            Label label = table.byName(name).orElse(null);
            if (label == null) {
                throw new InvalidObjectException(o, object.label(), "label '" + name + "' not known", null);
            }
            int[] counts = instanceCounts.computeIfAbsent(label.name(), k -> new int[2]);
            boolean drawn = false;
            for (int t = 0; t < TYPES.length; t++) {
                ImageType type = TYPES[t];
                long value;
                if (type.isInstanceImage()) {
                    value = type.usesTrainIds() ? label.trainId() : label.id();
                    if (label.hasInstances() && !group && value != 255) {
                        value = value * 1000 + counts[type.usesTrainIds() ? 1 : 0]++;
                    }
                    if (value < 0) {
                        continue;
                    }
                } else {
                    if (label.id() < 0) {
                        continue;
                    }
                    value = labelValue(type, label);
                }
                if (inkTypes[t] != null) {
                    inks[o * TYPES.length + t] = ink(type, inkTypes[t], label, value);
                    drawn = true;
                }
            }
            if (drawn) {
                try {
                    PillowPolygonFill.check(object.xy());
                } catch (IllegalArgumentException e) {
                    throw new InvalidObjectException(o, object.label(), e.getMessage(), e);
                }
            }
        }
        return inks;
    }

    /** The id or trainId an image of this type draws for a label. */
    private static long labelValue(ImageType type, Label label) {
        return type.usesTrainIds() ? label.trainId() : label.id();
    }

    private static int ink(ImageType type, LabelType inkType, Label label, long value) {
        return type == ImageType.COLOR ? label.color().rgba() : PillowPolygonFill.ink(inkType, value);
    }

    private static LabelMap checked(ImageType type, LabelMap map, int h, int w) {
        if (map.h() != h || map.w() != w || map.order() != Order.ROW_MAJOR || !type.accepts(map.type())) {
            throw new IllegalArgumentException(type.suffix() + " needs a row-major " + h + "x" + w + " map of type "
                    + type.pngType() + (type.isInstanceImage() ? " or INT32" : "") + ", got " + map.order() + " "
                    + map.h() + "x" + map.w() + " " + map.type());
        }
        return map;
    }
}
