package dev.segpack.panoptic;

import com.fasterxml.jackson.core.JacksonException;
import dev.segpack.coco.CocoIndex;
import dev.segpack.io.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
        return of(readList(file), file);
    }

    /**
     * The entries of a categories file: a JSON list (panoptic_coco_categories.json, parsed whole) or
     * a COCO file's "categories" (read through its {@link CocoIndex}).
     */
    static List<Object> readList(Path file) throws IOException {
        if (firstByte(file) != '[') {
            try (CocoIndex index = CocoIndex.load(file, CocoIndex.Required.IDS)) {
                return PanopticJson.categories(index);
            }
        }
        try {
            return PyJson.list(PyJson.parse(Files.readAllBytes(file)), file, "categories");
        } catch (JacksonException e) {
            throw new PanopticFormatException(file + ": not valid JSON: " + Json.problem(e) + Json.lineAndColumn(e), e);
        }
    }

    /** The file's first byte after whitespace, or −1 if it has none. */
    private static int firstByte(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c;
        }
    }

    static PanopticCategories of(List<Object> list, Path file) {
        PanopticCategories cats = new PanopticCategories(file);
        for (int i = 0; i < list.size(); i++) {
            String what = "category #" + i;
            Map<String, Object> c = PyJson.object(list.get(i), file, what);
            int id = PyJson.int32(PyJson.field(c, "id", file, what), file, what + " id");
            Object isThing = c.get("isthing");
            int[] color = null;
            if (c.get("color") != null) {
                List<Object> rgb = PyJson.list(c.get("color"), file, "category " + id + " color");
                if (rgb.size() != 3) {
                    throw new PanopticFormatException(file + ": category " + id + " color has " + rgb.size()
                            + " values, not 3");
                }
                color = new int[3];
                for (int k = 0; k < 3; k++) {
                    color[k] = PyJson.int32(rgb.get(k), file, "category " + id + " color");
                    if (color[k] < 0 || color[k] > 255) {
                        throw new PanopticFormatException(file + ": category " + id + " color value " + color[k]
                                + " is outside 0..255");
                    }
                }
            }
            boolean thing = isThing != null && PyJson.integer(isThing, file, "category " + id + " isthing") == 1;
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

    /** Refuses a segment whose category_id is not one of these categories, naming the segment. */
    void checkSegments(PanopticJson panoptic) {
        for (PanopticAnnotation ann : panoptic.annotations()) {
            for (PanopticAnnotation.SegmentInfo s : ann.segments()) {
                get(s.categoryId(), panoptic.path() + ": segment id " + s.id() + " of image_id " + ann.imageId());
            }
        }
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
