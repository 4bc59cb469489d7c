package dev.segpack.panoptic;

import com.fasterxml.jackson.core.JacksonException;
import dev.segpack.coco.CocoIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO panoptic JSON file: its top-level fields as read, and its annotations parsed and checked.
 * The file is read once, into a {@link CocoIndex}; each top-level value and each annotation is then
 * parsed from its bytes.
 */
public final class PanopticJson {

    private final Path path;
    private final Map<String, Object> root;
    private final List<PanopticAnnotation> annotations;

    private PanopticJson(Path path, Map<String, Object> root, List<PanopticAnnotation> annotations) {
        this.path = path;
        this.root = root;
        this.annotations = annotations;
    }

    public static PanopticJson load(Path path) throws IOException {
        try (CocoIndex index = CocoIndex.load(path, CocoIndex.Required.IDS)) {
            Map<String, Object> root = root(index, "annotations");
            PyJson.field(root, "annotations", path, "the file");
            List<Object> anns = new ArrayList<>(index.annotationCount());
            List<PanopticAnnotation> parsed = new ArrayList<>(index.annotationCount());
            for (int a = 0; a < index.annotationCount(); a++) {
                Object ann = parse(index, index.annotationJson(a), index.annotationStart(a), "annotation #" + a, null);
                anns.add(ann);
                parsed.add(annotation(ann, path, a, index));
            }
            root.put("annotations", anns);
            return new PanopticJson(path, root, Collections.unmodifiableList(parsed));
        }
    }

    /**
     * The top-level object as json.load holds it (each name once, where it first appears, with its
     * last value), every value parsed but {@code notParsed}'s, which is left null for the caller.
     */
    static Map<String, Object> root(CocoIndex index, String notParsed) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        for (CocoIndex.Member m : index.members()) {
            root.put(m.name(), m.name().equals(notParsed) ? null
                    : parse(index, index.bytes(m.start(), m.end()), m.start(), "\"" + m.name() + "\"", null));
        }
        return root;
    }

    /** The entries of the file's "categories", or an error when it has none. */
    static List<Object> categories(CocoIndex index) throws IOException {
        if (index.members().stream().noneMatch(m -> m.name().equals("categories"))) {
            throw new PanopticFormatException(index.path() + ": the file has no \"categories\"");
        }
        List<Object> out = new ArrayList<>(index.categoryCount());
        for (int c = 0; c < index.categoryCount(); c++) {
            out.add(parse(index, index.categoryJson(c), index.categoryStart(c), "category #" + c, null));
        }
        return out;
    }

    /** The value that is all of {@code json}, the file's bytes from {@code start} on, without member {@code leftOut}. */
    static Object parse(CocoIndex index, byte[] json, long start, String what, String leftOut) throws IOException {
        try {
            return PyJson.parseWithout(json, leftOut);
        } catch (JacksonException e) {
            throw index.invalidJson(start, e, what);
        }
    }

    public Path path() {
        return path;
    }

    /** The top-level object as read (annotations included); converters copy it and replace fields. */
    Map<String, Object> root() {
        return root;
    }

    public List<PanopticAnnotation> annotations() {
        return annotations;
    }

    /** Whether the file has a top-level "categories". */
    boolean hasCategories() {
        return root.containsKey("categories");
    }

    /** This file's own "categories" list, or an error when it has none. */
    PanopticCategories categories() {
        return PanopticCategories.of(PyJson.list(PyJson.field(root, "categories", path, "the file"),
                path, "categories"), path);
    }

    private static PanopticAnnotation annotation(Object value, Path path, int index, CocoIndex coco) {
        String what = "annotation #" + index;
        Map<String, Object> ann = PyJson.object(value, path, what);
        long imageId = PyJson.integer(PyJson.field(ann, "image_id", path, what), path, what + " image_id");
        what = "annotation #" + index + " (image_id " + imageId + ")";
        String fileName = PyJson.string(PyJson.field(ann, "file_name", path, what), path, what + " file_name");
        List<Object> infos = PyJson.list(PyJson.field(ann, "segments_info", path, what), path, what + " segments_info");
        List<PanopticAnnotation.SegmentInfo> segments = new ArrayList<>(infos.size());
        for (int s = 0; s < infos.size(); s++) {
            String where = what + " segment #" + s;
            Map<String, Object> info = PyJson.object(infos.get(s), path, where);
            int id = PyJson.int32(PyJson.field(info, "id", path, where), path, where + " id");
            int category = PyJson.int32(PyJson.field(info, "category_id", path, where), path,
                    where + " category_id");
            segments.add(new PanopticAnnotation.SegmentInfo(id, category, info));
        }
        int image = coco.imageIndex(imageId);
        // a size absent or not a 32-bit integer (0 or -1) is left unchecked, as panopticapi never reads it
        int h = image < 0 ? 0 : Math.max(0, coco.imageHeight(image));
        int w = image < 0 ? 0 : Math.max(0, coco.imageWidth(image));
        return new PanopticAnnotation(imageId, fileName, Collections.unmodifiableList(segments), h, w);
    }
}
