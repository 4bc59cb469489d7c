package dev.segpack.panoptic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Panoptic categories by id: whether each is a thing, and its colour (panoptic_coco_categories.json). */
public final class PanopticCategories {

    /** One category; {@code color} is null when the entry has none. */
    public record Category(int id, boolean isThing, int[] color) {
    }

    private final Path source;
    private final Map<Integer, Category> byId = new LinkedHashMap<>();

    private PanopticCategories(Path source) {
        this.source = source;
    }

    /** A categories file: a JSON list of categories, or an object with a "categories" list (a COCO file). */
    public static PanopticCategories load(Path file) throws IOException {
        Object root = JsonTree.read(file);
        Object list = root instanceof Map<?, ?> map ? JsonTree.field(JsonTree.object(map, file, "the file"),
                "categories", file, "the file") : root;
        return of(JsonTree.list(list, file, "categories"), file);
    }

    static PanopticCategories of(List<Object> list, Path file) {
        PanopticCategories cats = new PanopticCategories(file);
        for (int i = 0; i < list.size(); i++) {
            String what = "category #" + i;
            Map<String, Object> c = JsonTree.object(list.get(i), file, what);
            int id = JsonTree.int32(JsonTree.field(c, "id", file, what), file, what + " id");
            Object isThing = c.get("isthing");
            int[] color = null;
            if (c.get("color") != null) {
                List<Object> rgb = JsonTree.list(c.get("color"), file, "category " + id + " color");
                if (rgb.size() != 3) {
                    throw new PanopticFormatException(file + ": category " + id + " color has " + rgb.size()
                            + " values, not 3");
                }
                color = new int[3];
                for (int k = 0; k < 3; k++) {
                    color[k] = JsonTree.int32(rgb.get(k), file, "category " + id + " color");
                    if (color[k] < 0 || color[k] > 255) {
                        throw new PanopticFormatException(file + ": category " + id + " color value " + color[k]
                                + " is outside 0..255");
                    }
                }
            }
            boolean thing = isThing != null && JsonTree.integer(isThing, file, "category " + id + " isthing") == 1;
            cats.byId.putIfAbsent(id, new Category(id, thing, color));
        }
        return cats;
    }

    public Path source() {
        return source;
    }

    public boolean contains(int id) {
        return byId.containsKey(id);
    }

    /** The category, or an error naming the categories file and {@code where} it was asked for. */
    public Category get(int id, String where) {
        Category c = byId.get(id);
        if (c == null) {
            throw new PanopticFormatException(where + ": category_id " + id + " is not in " + source);
        }
        return c;
    }
}
