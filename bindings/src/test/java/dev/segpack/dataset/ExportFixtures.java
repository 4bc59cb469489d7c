package dev.segpack.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Builders for exporter tests: items, annotations, masks, and reading the written files back. */
final class ExportFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private ExportFixtures() {
    }

    /** Categories a (COCO id 10), b (20), c (no source id). */
    static CategorySet categories() {
        return new CategorySet(List.of(
                new Category("a", "s", OptionalInt.of(10), List.of(), List.of(), true),
                new Category("b", "", OptionalInt.of(20), List.of("nose", "eye"), List.of(new int[] {1, 2}), false),
                Category.named("c", "")));
    }

    static AnnotationInfo info(long id, int label, long group, int z, Attributes attributes) {
        return new AnnotationInfo(id, label, group, z, attributes);
    }

    static AnnotationInfo info(long id, int label, long group) {
        return info(id, label, group, 0, Attributes.EMPTY);
    }

    /** The h×w mask of the pixels x0..x1, y0..y1 (inclusive). */
    static Rle rect(int h, int w, int x0, int y0, int x1, int y1) {
        byte[] pixels = new byte[h * w];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                pixels[y * w + x] = 1;
            }
        }
        return MaskApi.encode(Mask.ofArray(pixels, h, w, Order.ROW_MAJOR));
    }

    static Item item(String id, int h, int w, Annotation... annotations) {
        return new Item(id, Item.DEFAULT_SUBSET, new ImageInfo(id + ".jpg", h, w), OptionalLong.empty(),
                List.of(annotations));
    }

    static CocoExporter.Options options(SegmentationMode mode, boolean crop, boolean reindex, CocoTask... tasks) {
        Set<CocoTask> set = tasks.length == 0 ? Set.of() : EnumSet.of(tasks[0], tasks);
        return new CocoExporter.Options(set, mode, crop, reindex, true, 2);
    }

    /** Exports and reads back every written file by task. */
    static Map<CocoTask, JsonNode> export(Path out, CategorySet cats, CocoExporter.Options options, List<String> warnings,
                                          Item... items) throws IOException {
        CocoExporter.Summary s = new CocoExporter(options, Progress.NONE, warnings::add)
                .export(new ListReader(cats, List.of(items)), out);
        Map<CocoTask, JsonNode> files = new EnumMap<>(CocoTask.class);
        for (CocoExporter.WrittenFile f : s.files()) {
            files.put(f.task(), JSON.readTree(f.path().toFile()));
        }
        return files;
    }

    static JsonNode instances(Path out, CategorySet cats, CocoExporter.Options options, Item... items) throws IOException {
        return export(out, cats, options, new ArrayList<>(), items).get(CocoTask.INSTANCES).get("annotations");
    }

    /** The mask of an uncompressed {"counts":[…],"size":[h,w]} segmentation. */
    static Rle uncompressed(JsonNode segmentation) {
        JsonNode counts = segmentation.get("counts");
        int[] c = new int[counts.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) counts.get(i).asLong();
        }
        return Rle.of(segmentation.get("size").get(0).asInt(), segmentation.get("size").get(1).asInt(), c);
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
