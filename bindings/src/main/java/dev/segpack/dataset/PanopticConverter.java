package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * panoptic, as datumaro writes it: per item with masks, one entry {image_id, file_name, segments_info}
 * and a PNG {@code <item id>.png} whose pixel colour encodes the segment id (R + 256·G + 65536·B,
 * panopticapi's id2rgb); later masks paint over earlier ones. A mask without an id gets 1, 2, … within
 * its item (datumaro's numbering). Each segment: id, category_id, area (the mask's full area), bbox
 * (toBbox, not rounded) and iscrowd from the {@code is_crowd} attribute. Categories carry
 * {@code isthing} when the source said it, else 0 (datumaro always writes 0).
 */
final class PanopticConverter extends TaskConverter {

    private final Path segmentationDir;

    /** PNGs are written below {@code segmentationDir}. */
    PanopticConverter(ExportContext context, Path segmentationDir) {
        super(context);
        this.segmentationDir = segmentationDir;
    }

    @Override
    CocoTask task() {
        return CocoTask.PANOPTIC;
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
        long[] ids = new long[masks.size()];
        long next = 1;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = masks.get(i).info().id() != 0 ? masks.get(i).info().id() : next++;
        }
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

    private static void writePng(Item item, List<Annotation.RleMask> masks, long[] ids, Path path) {
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
        try (Arena arena = Arena.ofConfined()) {
            Image rgb = Image.allocate(arena, h, w, PixelFormat.RGB, SampleType.UINT8);
            MemorySegment data = rgb.data();
            data.fill((byte) 0);
            for (int i = 0; i < masks.size(); i++) {
                paint(masks.get(i).rle(), ids[i], data, h, w);
            }
            Files.createDirectories(path.getParent());
            PngFile.write(path, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Colours every pixel of {@code rle} (column-major runs) with id2rgb(id) in the row-major RGB image. */
    private static void paint(Rle rle, long id, MemorySegment rgb, int h, int w) {
        byte r = (byte) id, g = (byte) (id >> 8), b = (byte) (id >> 16);
        long at = 0;
        for (int i = 0; i < rle.runs(); i++) {
            long run = rle.count(i);
            if ((i & 1) == 1) {
                for (long p = at; p < at + run; p++) {
                    long offset = 3 * ((p % h) * w + p / h);
                    rgb.set(ValueLayout.JAVA_BYTE, offset, r);
                    rgb.set(ValueLayout.JAVA_BYTE, offset + 1, g);
                    rgb.set(ValueLayout.JAVA_BYTE, offset + 2, b);
                }
            }
            at += run;
        }
    }

    @Override
    void writeCategories(JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        for (int label = 0; label < context.categories().size(); label++) {
            Boolean thing = context.categories().get(label).isThing();
            gen.writeStartObject();
            writeCategoryFields(gen, label);
            gen.writeNumberField("isthing", Boolean.TRUE.equals(thing) ? 1 : 0);
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }
}
