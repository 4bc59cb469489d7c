package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.JsonText;
import dev.segpack.panoptic.PanopticPng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * panoptic, as datumaro writes it: per item with masks, one entry {image_id, file_name, segments_info}
 * and a PNG {@code <item id>.png} whose pixel colour encodes the segment id (R + 256·G + 65536·B,
 * panopticapi's id2rgb, written by {@link PanopticPng}); later masks paint over earlier ones. A segment
 * keeps its annotation id when that fits in a colour (1 … 2^24−1) and no earlier segment of the item has
 * it; any other (none, COCO's crowd ids such as 900100217285, a repeat) gets the smallest number from 1
 * up that no segment of the item uses, so segments_info and the PNG always agree and {@code panoptic
 * to-detection} reads the output back (datumaro numbers id-less masks 1, 2, … without looking at the
 * others and wraps large ids modulo 2^24, which writes ids the PNG does not hold). Each segment: id, category_id, area (the mask's full area), bbox
 * (toBbox, not rounded) and iscrowd from the {@code is_crowd} attribute. Categories carry
 * {@code isthing} when the source said it, else 0 (datumaro always writes 0).
 */
final class PanopticConverter extends TaskConverter {

    private final Path segmentationDir;

    /** PNGs are written below {@code segmentationDir}. */
    PanopticConverter(ExportContext context, Path segmentationDir) {
        super(context, CocoTask.PANOPTIC);
        this.segmentationDir = segmentationDir;
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        List<Annotation.RleMask> masks = new ArrayList<>();
        for (Annotation a : item.annotations()) {
            if (a instanceof Annotation.RleMask m) {
                masks.add(m);
            }
        }
        if (masks.isEmpty()) {
            return;
        }
        int[] ids = segmentIds(masks);
        String fileName = item.id() + ".png";
        writePng(item, masks, ids, segmentationDir.resolve(fileName));
        out.add(Entry.raw(JsonText.render(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("image_id", imageId);
            gen.writeStringField("file_name", fileName);
            gen.writeFieldName("segments_info");
            gen.writeStartArray();
            for (int i = 0; i < ids.length; i++) {
                AnnotationInfo info = masks.get(i).info();
                Rle rle = masks.get(i).rle();
                gen.writeStartObject();
                gen.writeNumberField("id", ids[i]);
                gen.writeNumberField("category_id", context.categoryId(info.label()));
                gen.writeFieldName("area");
                JsonText.writeDouble(gen, MaskApi.area(rle));
                gen.writeFieldName("bbox");
                Bbox b = MaskApi.toBbox(rle);
                JsonText.writeDoubles(gen, b.toArray());
                gen.writeNumberField("iscrowd", crowd(info.attributes().get(Attributes.IS_CROWD)));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        })));
    }

    /** int(is_crowd) as datumaro casts it, 0 when absent or not a number. */
    private static long crowd(Object value) {
        return switch (value) {
            case Boolean b -> b ? 1 : 0;
            case Long l -> l;
            case null, default -> 0;
        };
    }

    /** Each mask's segment id by the rule in the class comment. */
    private static int[] segmentIds(List<Annotation.RleMask> masks) {
        int[] ids = new int[masks.size()];
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            long id = masks.get(i).info().id();
            if (id >= 1 && id <= PanopticPng.MAX_ID && used.add((int) id)) {
                ids[i] = (int) id;
            }
        }
        int next = 1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == 0) {
                while (used.contains(next)) {
                    next++;
                }
                ids[i] = next;
                used.add(next);
            }
        }
        return ids;
    }

    private static void writePng(Item item, List<Annotation.RleMask> masks, int[] ids, Path path) {
        int h = masks.get(0).rle().h();
        int w = masks.get(0).rle().w();
        for (Annotation.RleMask m : masks) {
            if (m.rle().h() != h || m.rle().w() != w
                    || item.image().hasSize() && (item.image().height() != h || item.image().width() != w)) {
                throw new IllegalArgumentException("item '" + item.id() + "': mask annotation " + m.info().id() + " is "
                        + m.rle().h() + "x" + m.rle().w() + " but its image is " + item.image().height() + "x"
                        + item.image().width());
            }
        }
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("item '" + item.id() + "': cannot write a panoptic PNG of " + h + "x" + w);
        }
        Optional<String> excess = PixelLimit.excess(h, w);
        if (excess.isPresent()) {
            throw new IllegalArgumentException("item '" + item.id() + "': cannot write a panoptic PNG of " + excess.get());
        }
        try (Arena arena = Arena.ofConfined()) {
            LabelMap segments = LabelMap.allocate(arena, h, w, LabelMap.LabelType.INT32, Order.ROW_MAJOR);
            for (int i = 0; i < masks.size(); i++) {
                paint(masks.get(i).rle(), ids[i], segments);
            }
            Files.createDirectories(path.getParent());
            PanopticPng.writeIds(path, segments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Sets every pixel of {@code rle} (column-major runs) to {@code id} in the row-major map. */
    private static void paint(Rle rle, int id, LabelMap segments) {
        int h = segments.h(), w = segments.w();
        long at = 0;
        for (int i = 0; i < rle.runs(); i++) {
            long run = rle.count(i);
            if ((i & 1) == 1) {
                for (long p = at; p < at + run; p++) {
                    segments.setFlat((p % h) * w + p / h, id);
                }
            }
            at += run;
        }
    }

    @Override
    void writeCategoryExtras(JsonGenerator gen, Category category) throws IOException {
        gen.writeNumberField("isthing", Boolean.TRUE.equals(category.isThing()) ? 1 : 0);
    }
}
