package dev.segpack.panoptic;

import dev.segpack.coco.CocoIndex;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * panopticapi's detection2panoptic_coco_format: a COCO detection file whose masks do not overlap
 * becomes panoptic PNGs plus a panoptic JSON. Per image (in file order) every annotation's mask
 * (annToMask) is painted with a new segment id from {@link SegmentColors}; its segments_info entry is
 * the annotation without segmentation and image_id, with id replaced by the segment id. The PNG is
 * named as panopticapi names it: the image file_name up to its first '.', plus ".png". The JSON is the
 * detection file with annotations replaced and categories = the categories file's list.
 */
public final class DetectionToPanoptic extends PerImageConverter<DetectionToPanoptic.Options> {

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public record Options(int threads) implements Threads {
    }

    public record Summary(int images, long segments, double seconds) {
    }

    public DetectionToPanoptic(Options options, Progress progress) {
        super(options, progress);
    }

    public Summary convert(Path detections, Path categoriesFile, Path outJson, Path outPngs) throws IOException {
        long start = System.nanoTime();
        List<Object> catsList = PanopticCategories.readList(categoriesFile);
        PanopticCategories categories = PanopticCategories.of(catsList, categoriesFile);
        Map<String, Object> out;
        List<Map<String, Object>> records;
        try (CocoIndex index = CocoIndex.load(detections)) {
            out = PanopticJson.root(index, "annotations");
            PyJson.field(out, "annotations", detections, "the file");
            Files.createDirectories(outPngs);
            records = eachImage(index.imageCount(), i -> image(index, i, categories, outPngs));
        }
        long segments = records.stream().mapToLong(r -> ((List<?>) r.get("segments_info")).size()).sum();
        out.put("annotations", records);
        out.put("categories", catsList);
        PyJson.write(outJson, out);
        return new Summary(records.size(), segments, secondsSince(start));
    }

    /** panopticapi's PNG name: everything before the first '.' of the image file name, plus ".png". */
    static String pngName(String imageFileName) {
        int dot = imageFileName.indexOf('.');
        return (dot < 0 ? imageFileName : imageFileName.substring(0, dot)) + ".png";
    }

    private Map<String, Object> image(CocoIndex index, int i, PanopticCategories categories, Path outPngs)
            throws IOException {
        long imageId = index.imageId(i);
        int h = index.imageHeight(i);
        int w = index.imageWidth(i);
        String fileName = pngName(index.imageFileName(i));
        Path png = outPngs.resolve(fileName);
        SegmentColors colors = new SegmentColors(imageId);
        Map<Integer, Long> annOfSegment = new HashMap<>();
        List<Object> segmentsInfo = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            LabelMap ids = LabelMap.allocate(arena, h, w, LabelMap.LabelType.INT32, Order.ROW_MAJOR);
            for (int a : index.imageAnnotations(imageId)) {
                long annId = index.annotationId(a);
                String where = index.path() + ": annotation id " + annId + " (image_id " + imageId + ")";
                PanopticCategories.Category category = categories.get(index.annotationCategoryId(a), where);
                int segmentId = colors.next(category.id(), category.color());
                annOfSegment.put(segmentId, annId);
                paint(index.annToRle(a), segmentId, ids.data(), w, annOfSegment, where);
                // the segmentation is parsed once, by annToRle above
                Map<String, Object> info = PyJson.object(PanopticJson.parse(index, index.annotationJson(a),
                        index.annotationStart(a), "annotation " + index.describe(a), "segmentation"), index.path(), where);
                info.remove("image_id");
                info.put("id", segmentId);
                segmentsInfo.add(info);
            }
            PanopticPng.writeIds(png, ids);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("image_id", imageId);
        record.put("file_name", fileName);
        record.put("segments_info", segmentsInfo);
        return record;
    }

    /**
     * Sets the foreground of {@code rle} (column-major runs) to {@code segmentId} in the row-major id
     * map, refusing a pixel another annotation already holds.
     */
    private static void paint(Rle rle, int segmentId, MemorySegment ids, int w, Map<Integer, Long> annOfSegment,
            String where) {
        int h = rle.h();
        int[] counts = rle.counts();
        long pos = 0;
        for (int r = 0; r < counts.length; r++) {
            long run = Integer.toUnsignedLong(counts[r]);
            if ((r & 1) == 1) {
                int x = (int) (pos / h);
                int y = (int) (pos % h);
                for (long k = 0; k < run; k++) {
                    long at = ((long) y * w + x) * 4;
                    int held = ids.get(I32, at);
                    if (held != 0) {
                        throw new PanopticFormatException(where + " overlaps annotation id " + annOfSegment.get(held)
                                + " at pixel (x=" + x + ", y=" + y + "); panoptic segments must not overlap");
                    }
                    ids.set(I32, at, segmentId);
                    if (++y == h) {
                        y = 0;
                        x++;
                    }
                }
            }
            pos += run;
        }
    }
}
