package dev.segpack.panoptic;

import dev.segpack.engine.rle.RleString;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * panopticapi's panoptic2detection_coco_format: one annotation per segment with the segment's mask as
 * compressed RLE (string counts), its segments_info fields kept (id removed; image_id, segmentation and
 * a new id = running index from 0 appended, in that order), and the file's categories without
 * isthing/color. Every other top-level field is kept. PNGs are read from pngDir/file_name.
 */
public final class PanopticToDetection extends PerImageConverter<PanopticToDetection.Options> {

    /**
     * @param thingsOnly keep only segments (and categories) of thing classes
     * @param mismatch what to do when a PNG and its segments_info disagree
     */
    public record Options(boolean thingsOnly, PanopticSegments.Mismatch mismatch, int threads) implements Threads {
    }

    public record Summary(int images, long annotations, long stuffDropped, double seconds) {
    }

    public PanopticToDetection(Options options, Progress progress) {
        super(options, progress);
    }

    /**
     * @param categoriesFile where isthing is looked up (panopticapi's --categories_json_file); null
     *                       means the panoptic file's own categories
     */
    public Summary convert(Path json, Path pngDir, Path categoriesFile, Path out) throws IOException {
        long start = System.nanoTime();
        PanopticJson panoptic = PanopticJson.load(json);
        PanopticCategories lookup = categoriesFile != null ? PanopticCategories.load(categoriesFile) : panoptic.categories();
        lookup.checkSegments(panoptic);
        List<PanopticAnnotation> anns = panoptic.annotations();
        List<List<Map<String, Object>>> perImage = eachImage(anns.size(), i -> detections(pngDir, anns.get(i), lookup));
        List<Object> annotations = new ArrayList<>();
        long segments = 0;
        for (List<Map<String, Object>> image : perImage) {
            segments += image.size();
            for (Map<String, Object> det : image) {
                det.put("id", annotations.size());
                annotations.add(det);
            }
        }
        long all = anns.stream().mapToLong(a -> a.segments().size()).sum();
        Map<String, Object> root = new LinkedHashMap<>(panoptic.root());
        root.put("annotations", annotations);
        root.put("categories", detectionCategories(panoptic, lookup));
        PyJson.write(out, root);
        return new Summary(anns.size(), segments, all - segments, secondsSince(start));
    }

    private List<Map<String, Object>> detections(Path pngDir, PanopticAnnotation ann, PanopticCategories lookup)
            throws IOException {
        List<PanopticSegments.Segment> masks = PanopticSegments.read(pngDir, ann, options.mismatch());
        List<Map<String, Object>> out = new ArrayList<>(masks.size());
        for (int s = 0; s < masks.size(); s++) {
            PanopticAnnotation.SegmentInfo info = ann.segments().get(s);
            if (options.thingsOnly() && !lookup.get(info.categoryId(),
                    pngDir.resolve(ann.fileName()) + ": segment id " + info.id()).isThing()) {
                continue;
            }
            PanopticSegments.Segment seg = masks.get(s);
            Map<String, Object> det = new LinkedHashMap<>(info.fields());
            det.remove("id");
            det.put("image_id", ann.imageId());
            Map<String, Object> rle = new LinkedHashMap<>();
            rle.put("size", List.of(seg.mask().h(), seg.mask().w()));
            rle.put("counts", RleString.encode(seg.mask()));
            det.put("segmentation", rle);
            out.add(det);
        }
        return out;
    }

    private List<Object> detectionCategories(PanopticJson panoptic, PanopticCategories lookup) {
        Path path = panoptic.path();
        List<Object> cats = PyJson.list(PyJson.field(panoptic.root(), "categories", path, "the file"),
                path, "categories");
        List<Object> out = new ArrayList<>(cats.size());
        for (int i = 0; i < cats.size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>(PyJson.object(cats.get(i), path, "category #" + i));
            if (options.thingsOnly()) {
                // panopticapi filters this list by each entry's own isthing
                Object own = c.get("isthing");
                boolean thing = own != null
                        ? PyJson.integer(own, path, "category #" + i + " isthing") == 1
                        : lookup.get(PyJson.int32(PyJson.field(c, "id", path, "category #" + i), path,
                                "category #" + i + " id"), path + ": categories").isThing();
                if (!thing) {
                    continue;
                }
            }
            c.remove("isthing");
            c.remove("color");
            out.add(c);
        }
        return out;
    }
}
