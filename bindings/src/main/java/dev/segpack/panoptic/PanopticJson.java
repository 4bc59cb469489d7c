package dev.segpack.panoptic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A COCO panoptic JSON file: its top-level fields as read, and its annotations parsed and checked. */
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
        Map<String, Object> root = JsonTree.object(JsonTree.read(path), path, "the file");
        List<Object> anns = JsonTree.list(JsonTree.field(root, "annotations", path, "the file"), path, "annotations");
        List<PanopticAnnotation> parsed = new ArrayList<>(anns.size());
        for (int i = 0; i < anns.size(); i++) {
            parsed.add(annotation(anns.get(i), path, i));
        }
        return new PanopticJson(path, root, Collections.unmodifiableList(parsed));
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

    /** This file's own "categories" list, or an error when it has none. */
    PanopticCategories categories() {
        return PanopticCategories.of(JsonTree.list(JsonTree.field(root, "categories", path, "the file"),
                path, "categories"), path);
    }

    private static PanopticAnnotation annotation(Object value, Path path, int index) {
        String what = "annotation #" + index;
        Map<String, Object> ann = JsonTree.object(value, path, what);
        long imageId = JsonTree.integer(JsonTree.field(ann, "image_id", path, what), path, what + " image_id");
        what = "annotation #" + index + " (image_id " + imageId + ")";
        String fileName = JsonTree.string(JsonTree.field(ann, "file_name", path, what), path, what + " file_name");
        List<Object> infos = JsonTree.list(JsonTree.field(ann, "segments_info", path, what), path, what + " segments_info");
        List<PanopticAnnotation.SegmentInfo> segments = new ArrayList<>(infos.size());
        for (int s = 0; s < infos.size(); s++) {
            String where = what + " segment #" + s;
            Map<String, Object> info = JsonTree.object(infos.get(s), path, where);
            int id = JsonTree.int32(JsonTree.field(info, "id", path, where), path, where + " id");
            int category = JsonTree.int32(JsonTree.field(info, "category_id", path, where), path,
                    where + " category_id");
            segments.add(new PanopticAnnotation.SegmentInfo(id, category, info));
        }
        return new PanopticAnnotation(imageId, fileName, Collections.unmodifiableList(segments));
    }
}
