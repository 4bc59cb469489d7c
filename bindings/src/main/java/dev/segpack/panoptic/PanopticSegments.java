package dev.segpack.panoptic;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/** The masks of one panoptic image's segments, from its PNG, checked against its segments_info. */
public final class PanopticSegments {

    /** A segment with its mask: what pycocotools' {@code encode(pan == id)} gives. */
    public record Segment(long imageId, int id, int categoryId, Rle mask) {

        public long area() {
            return MaskApi.area(mask);
        }

        public Bbox bbox() {
            return MaskApi.toBbox(mask);
        }
    }

    /** What to do when the PNG and segments_info disagree. */
    public enum Mismatch {
        /** Stop with an error naming the PNG and the segment id. */
        FAIL,
        /**
         * Do as panopticapi does: a listed segment with no pixels gets an empty mask, and PNG ids that
         * segments_info does not list are left out.
         */
        AS_PANOPTICAPI
    }

    private PanopticSegments() {
    }

    /** The annotation's segments in segments_info order, masks from {@code pngDir}/file_name. */
    public static List<Segment> read(Path pngDir, PanopticAnnotation ann, Mismatch mismatch) throws IOException {
        Path png = pngDir.resolve(ann.fileName());
        try (Arena arena = Arena.ofConfined()) {
            LabelMap ids = readIds(png, ann, arena);
            SortedMap<Integer, Rle> masks = MaskApi.encodeLabels(ids);
            if (mismatch == Mismatch.FAIL) {
                check(png, ann, masks.keySet());
            }
            List<Segment> out = new ArrayList<>(ann.segments().size());
            for (PanopticAnnotation.SegmentInfo s : ann.segments()) {
                Rle mask = masks.get(s.id());
                out.add(new Segment(ann.imageId(), s.id(), s.categoryId(),
                        mask != null ? mask : Rle.of(ids.h(), ids.w(), empty(ids))));
            }
            return out;
        }
    }

    /**
     * The id map of the annotation's PNG, which must be as large as its image (when the JSON gives the
     * image's size): a PNG of another size would give masks that do not fit their image.
     */
    static LabelMap readIds(Path png, PanopticAnnotation ann, Arena arena) throws IOException {
        LabelMap ids = PanopticPng.readIds(png, arena);
        if (ann.imageHeight() > 0 && ann.imageWidth() > 0
                && (ids.h() != ann.imageHeight() || ids.w() != ann.imageWidth())) {
            throw new PanopticFormatException(png + " is " + ids.w() + "x" + ids.h() + " (width x height) but image_id "
                    + ann.imageId() + " in the JSON's images is " + ann.imageWidth() + "x" + ann.imageHeight());
        }
        return ids;
    }

    /**
     * Refuses duplicate ids in segments_info, listed segments absent from the PNG, and PNG ids (other
     * than 0, void) that segments_info does not list.
     */
    static void check(Path png, PanopticAnnotation ann, Set<Integer> idsInPng) {
        Set<Integer> listed = new HashSet<>();
        for (PanopticAnnotation.SegmentInfo s : ann.segments()) {
            if (!listed.add(s.id())) {
                throw new PanopticFormatException(png + ": segment id " + s.id() + " appears twice in segments_info"
                        + " of image_id " + ann.imageId());
            }
            if (!idsInPng.contains(s.id())) {
                throw new PanopticFormatException(png + ": segment id " + s.id() + " (category_id " + s.categoryId()
                        + ") of image_id " + ann.imageId() + " is in segments_info but has no pixels in the PNG");
            }
        }
        for (int id : idsInPng) {
            if (id != 0 && !listed.contains(id)) {
                int[] rgb = PanopticPng.idToRgb(id);
                throw new PanopticFormatException(png + ": segment id " + id + " (colour " + rgb[0] + "," + rgb[1] + ","
                        + rgb[2] + ") is in the PNG but not in segments_info of image_id " + ann.imageId());
            }
        }
    }

    private static int[] empty(LabelMap ids) {
        // one run of zeros; the cast keeps the uint32 count Rle holds
        return ids.pixels() == 0 ? new int[0] : new int[] {(int) ids.pixels()};
    }
}
