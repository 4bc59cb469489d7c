package dev.segpack.panoptic;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * panopticapi's panoptic2semantic_segmentation with PNG output: per image an 8-bit gray PNG of
 * category ids (0 where no listed segment is), named as the panoptic PNG, in the output directory.
 * With thingsOther every thing category becomes 183 ('other').
 */
public final class PanopticToSemantic extends PerImageConverter<PanopticToSemantic.Options> {

    /** panopticapi's OTHER_CLASS_ID. */
    public static final int OTHER_CLASS_ID = 183;

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public record Options(boolean thingsOther, PanopticSegments.Mismatch mismatch, int threads) implements Threads {
    }

    public record Summary(int images, long segments, double seconds) {
    }

    public PanopticToSemantic(Options options, Progress progress) {
        super(options, progress);
    }

    /** @param categoriesFile where isthing is looked up; null means the panoptic file's own categories */
    public Summary convert(Path json, Path pngDir, Path categoriesFile, Path outDir) throws IOException {
        long start = System.nanoTime();
        PanopticJson panoptic = PanopticJson.load(json);
        PanopticCategories categories = categoriesFile != null ? PanopticCategories.load(categoriesFile)
                : panoptic.hasCategories() || options.thingsOther() ? panoptic.categories() : null;
        if (categories != null) {
            categories.checkSegments(panoptic);
        }
        PanopticCategories lookup = options.thingsOther() ? categories : null;
        Files.createDirectories(outDir);
        List<PanopticAnnotation> anns = panoptic.annotations();
        eachImage(anns.size(), i -> {
            PanopticAnnotation ann = anns.get(i);
            convert(pngDir.resolve(ann.fileName()), ann, lookup, outDir.resolve(ann.fileName()));
            return null;
        });
        long segments = anns.stream().mapToLong(a -> a.segments().size()).sum();
        return new Summary(anns.size(), segments, secondsSince(start));
    }

    private void convert(Path png, PanopticAnnotation ann, PanopticCategories lookup, Path out) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            LabelMap ids = PanopticSegments.readIds(png, ann, arena);
            SegmentTable table = new SegmentTable(png, ann, lookup);
            Image semantic = Image.allocate(arena, ids.h(), ids.w(), PixelFormat.GRAY, SampleType.UINT8);
            Set<Integer> seen = table.paint(ids.data(), ids.pixels(), semantic.data());
            if (options.mismatch() == PanopticSegments.Mismatch.FAIL) {
                PanopticSegments.check(png, ann, seen);
            }
            PngFile.write(out, semantic);
        }
    }

    /** Segment ids sorted, with the semantic value of each (the last listed wins, as panopticapi paints in order). */
    private static final class SegmentTable {
        private final int[] ids;
        private final byte[] values;

        SegmentTable(Path png, PanopticAnnotation ann, PanopticCategories lookup) {
            List<PanopticAnnotation.SegmentInfo> segs = ann.segments();
            int[] sortedIds = segs.stream().mapToInt(PanopticAnnotation.SegmentInfo::id).distinct().sorted().toArray();
            ids = sortedIds;
            values = new byte[sortedIds.length];
            for (PanopticAnnotation.SegmentInfo s : segs) {
                int category = s.categoryId();
                if (lookup != null && lookup.get(category, png + ": segment id " + s.id()).isThing()) {
                    category = OTHER_CLASS_ID;
                }
                if (category < 0 || category > 255) {
                    throw new PanopticFormatException(png + ": segment id " + s.id() + " has category_id " + category
                            + ", which an 8-bit semantic PNG cannot hold");
                }
                values[Arrays.binarySearch(ids, s.id())] = (byte) category;
            }
        }

        /**
         * Writes each pixel's semantic value (0 for void and unlisted ids) and returns the set of ids
         * present. Runs of one id are long in panoptic maps, so the last lookup is reused.
         */
        Set<Integer> paint(MemorySegment idMap, long pixels, MemorySegment out) {
            Set<Integer> seen = new HashSet<>();
            int lastId = -1; // no colour gives -1, so the first pixel always looks up
            byte lastValue = 0;
            for (long i = 0; i < pixels; i++) {
                int id = idMap.get(I32, i * 4);
                if (id != lastId) {
                    int at = Arrays.binarySearch(ids, id);
                    lastValue = at >= 0 ? values[at] : 0;
                    lastId = id;
                    seen.add(id);
                }
                out.set(ValueLayout.JAVA_BYTE, i, lastValue);
            }
            return seen;
        }
    }
}
