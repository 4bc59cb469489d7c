package dev.segpack.maskimg;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.dataset.Category;
import dev.segpack.dataset.CategorySet;
import dev.segpack.engine.geometry.DouglasPeucker;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.io.CocoFileWriter;
import dev.segpack.io.JsonText;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code masks to-coco}: mask images to one COCO instances file. Every object is one annotation with
 * {@code iscrowd} 0, {@code area} its pixel count (an integer, the whole mask's, not a contour's),
 * {@code bbox} pycocotools' toBbox of its mask, and as segmentation:
 * <ul>
 * <li>{@link Format#RLE}: compressed RLE of the mask (lossless);</li>
 * <li>{@link Format#POLYGON}: its outer contours exactly as cv2.findContours(RETR_EXTERNAL,
 * CHAIN_APPROX_SIMPLE) gives them, flattened x, y (integers), or, with a tolerance, each simplified
 * by cv2.approxPolyDP(closed=True). An object with a hole, which COCO polygons cannot express, or
 * with a contour of fewer than 3 points (pycocotools misreads such polygons as boxes or refuses them)
 * is written as compressed RLE instead, and counted.</li>
 * </ul>
 * Images get ids 1, 2, … in stem order, annotations 1, 2, … in output order; categories come from the
 * map (or the names found, ids 1, 2, …). Mask files are decoded and traced on worker threads; the
 * output order does not depend on the thread count.
 */
public final class MasksToCoco {

    public enum Format { POLYGON, RLE }

    /** @param simplify approxPolyDP tolerance in pixels for polygons; 0 keeps the contours as they are */
    public record Options(MaskImportOptions input, Format format, double simplify, int threads) {
        public Options {
            if (!(simplify >= 0 && simplify < 1e30)) {
                throw new IllegalArgumentException("simplification tolerance " + simplify + " is not in [0, 1e30)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
        }
    }

    public record Summary(long images, long maskFiles, long emptyMasks, long objects, long polygons, long rle,
                          long withHoles, long thin, long belowMinArea, double seconds) {
        public double masksPerSecond() {
            return seconds > 0 ? maskFiles / seconds : 0;
        }
    }

    private final Options options;
    private final Progress progress;

    public MasksToCoco(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    private record Numbered(MaskLayout.ImageGroup group, long imageId) {
    }

    /** What one image becomes: its image entry and its annotations' fields, with counts. */
    private record Rendered(byte[] image, List<byte[]> annotations, ImageObjects objects, int polygons, int holes,
                            int thin) {
    }

    public Summary convert(Path out) throws IOException {
        long start = System.nanoTime();
        MaskImportOptions input = options.input();
        CategoryMap map = MaskImageLoader.readMap(input);
        MaskLayout.Scan scan = MaskLayout.scan(input.masks(), input.images(), map, input.layout());
        MaskImageLoader loader = new MaskImageLoader(input, map, options.format() == Format.POLYGON);
        long images = 0, files = 0, empty = 0, objects = 0, polygons = 0, holes = 0, thin = 0, small = 0;
        List<MaskLayout.ImageGroup> groups = scan.images();
        var numbered = java.util.stream.IntStream.range(0, groups.size())
                .mapToObj(i -> new Numbered(groups.get(i), i + 1)).iterator();
        try (CocoFileWriter writer = new CocoFileWriter(out, header(scan.categories()));
             OrderedPipeline<Numbered, Rendered> pipeline = OrderedPipeline.of(numbered,
                     n -> render(loader.load(n.group()), n.imageId(), scan.categories()), options.threads())) {
            while (pipeline.hasNext()) {
                Rendered r = pipeline.next();
                writer.image(r.image());
                for (byte[] a : r.annotations()) {
                    writer.annotation(0, a);
                }
                images++;
                files += r.objects().maskFiles();
                empty += r.objects().emptyMasks();
                small += r.objects().belowMinArea();
                objects += r.annotations().size();
                polygons += r.polygons();
                holes += r.holes();
                thin += r.thin();
                progress.update(files, scan.maskFiles(), "mask files");
            }
            writer.commit();
        }
        return new Summary(images, files, empty, objects, polygons, objects - polygons, holes, thin, small,
                (System.nanoTime() - start) / 1e9);
    }

    private Rendered render(ImageObjects found, long imageId, CategorySet categories) {
        byte[] image = JsonText.render(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("id", imageId);
            gen.writeStringField("file_name", found.image().fileName());
            gen.writeNumberField("height", found.image().height());
            gen.writeNumberField("width", found.image().width());
            gen.writeEndObject();
        });
        List<byte[]> annotations = new ArrayList<>(found.objects().size());
        int polygons = 0, holes = 0, thin = 0;
        for (ExtractedObject o : found.objects()) {
            List<int[]> shape = null;
            if (options.format() == Format.POLYGON) {
                if (o.hasHole()) {
                    holes++;
                } else {
                    shape = polygons(o.contours());
                    if (shape == null) {
                        thin++;
                    }
                }
            }
            List<int[]> polygon = shape;
            polygons += polygon != null ? 1 : 0;
            int categoryId = categories.get(o.label()).sourceId().orElse(o.label() + 1);
            annotations.add(JsonText.renderFields(gen -> {
                gen.writeNumberField("image_id", imageId);
                gen.writeNumberField("category_id", categoryId);
                gen.writeFieldName("segmentation");
                if (polygon != null) {
                    gen.writeStartArray();
                    for (int[] p : polygon) {
                        gen.writeArray(p, 0, p.length);
                    }
                    gen.writeEndArray();
                } else {
                    JsonText.writeCompressedRle(gen, o.rle());
                }
                gen.writeNumberField("area", MaskApi.area(o.rle()));
                writeBbox(gen, MaskApi.toBbox(o.rle()));
                gen.writeNumberField("iscrowd", 0);
            }));
        }
        return new Rendered(image, annotations, found, polygons, holes, thin);
    }

    /** The contours, simplified if asked; null when one has fewer than 3 points. */
    private List<int[]> polygons(List<int[]> contours) {
        List<int[]> out = new ArrayList<>(contours.size());
        for (int[] c : contours) {
            int[] p = options.simplify() > 0 ? DouglasPeucker.simplifyClosed(c, options.simplify()) : c;
            if (p.length < 6) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    /** toBbox values are whole numbers, written as Python writes floats (61.0). */
    private static void writeBbox(JsonGenerator gen, Bbox b) throws IOException {
        gen.writeFieldName("bbox");
        gen.writeStartArray();
        for (double v : b.toArray()) {
            JsonText.writeDouble(gen, v);
        }
        gen.writeEndArray();
    }

    private static byte[] header(CategorySet categories) {
        return JsonText.renderFields(gen -> {
            gen.writeFieldName("categories");
            gen.writeStartArray();
            for (int label = 0; label < categories.size(); label++) {
                Category c = categories.get(label);
                gen.writeStartObject();
                gen.writeNumberField("id", c.sourceId().orElse(label + 1));
                gen.writeStringField("name", c.name());
                gen.writeStringField("supercategory", c.supercategory());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        });
    }
}
