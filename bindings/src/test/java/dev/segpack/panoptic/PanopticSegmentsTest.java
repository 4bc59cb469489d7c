package dev.segpack.panoptic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanopticSegmentsTest {

    static final Path JSON = Testdata.path("panoptic/panoptic_examples.json");
    static final Path PNGS = Testdata.path("panoptic/panoptic_examples");

    /** Every segment's RLE string, area and bbox equal pycocotools' encode(pan == id) on the sample. */
    @Test
    void reproducesReferenceForEverySegment() throws IOException {
        Map<String, JsonNode> reference = new HashMap<>();
        for (JsonNode r : Testdata.jsonLines("panoptic/reference_segments.jsonl.gz")) {
            reference.put(r.get("image_id").asLong() + "/" + r.get("segment_id").asInt(), r);
        }
        int compared = 0;
        for (PanopticAnnotation ann : PanopticJson.load(JSON).annotations()) {
            for (PanopticSegments.Segment s : PanopticSegments.read(PNGS, ann, PanopticSegments.Mismatch.FAIL)) {
                JsonNode r = reference.get(s.imageId() + "/" + s.id());
                String which = "image " + s.imageId() + " segment " + s.id();
                assertEquals(r.get("category_id").asInt(), s.categoryId(), which);
                assertEquals(r.get("string").asText(), RleString.encode(s.mask()), which);
                assertEquals(r.get("area").asLong(), s.area(), which);
                assertArrayEquals(Testdata.doubles(r.get("bbox")), s.bbox().toArray(), which);
                compared++;
            }
        }
        assertEquals(reference.size(), compared);
        assertEquals(50, compared);
    }

    @Test
    void rgbAndIdsConvertBothWays() {
        assertEquals(3937500, PanopticPng.rgbToId(220, 20, 60));
        assertArrayEquals(new int[] {220, 20, 60}, PanopticPng.idToRgb(3937500));
        assertArrayEquals(new int[] {255, 255, 255}, PanopticPng.idToRgb(PanopticPng.MAX_ID));
        assertThrows(IllegalArgumentException.class, () -> PanopticPng.idToRgb(PanopticPng.MAX_ID + 1));
    }

    /** A listed segment without pixels: the error names the PNG and the segment id. */
    @Test
    void listedSegmentMissingFromPngNamesFileAndSegment() throws IOException {
        PanopticAnnotation ann = PanopticJson.load(JSON).annotations().get(0);
        List<PanopticAnnotation.SegmentInfo> segs = new ArrayList<>(ann.segments());
        segs.add(new PanopticAnnotation.SegmentInfo(1234567, 1, Map.of()));
        PanopticAnnotation broken = new PanopticAnnotation(ann.imageId(), ann.fileName(), segs);
        PanopticFormatException e = assertThrows(PanopticFormatException.class,
                () -> PanopticSegments.read(PNGS, broken, PanopticSegments.Mismatch.FAIL));
        assertTrue(e.getMessage().contains(ann.fileName()) && e.getMessage().contains("segment id 1234567"),
                e.getMessage());
        List<PanopticSegments.Segment> lenient = PanopticSegments.read(PNGS, broken,
                PanopticSegments.Mismatch.AS_PANOPTICAPI);
        assertEquals(0, lenient.getLast().area(), "panopticapi encodes an absent segment as an empty mask");
    }

    /** A PNG id that segments_info does not list: the error names the PNG and the id. */
    @Test
    void unlistedPngSegmentNamesFileAndSegment() throws IOException {
        PanopticAnnotation ann = PanopticJson.load(JSON).annotations().get(0);
        PanopticAnnotation.SegmentInfo dropped = ann.segments().get(2);
        List<PanopticAnnotation.SegmentInfo> segs = new ArrayList<>(ann.segments());
        segs.remove(2);
        PanopticAnnotation broken = new PanopticAnnotation(ann.imageId(), ann.fileName(), segs);
        PanopticFormatException e = assertThrows(PanopticFormatException.class,
                () -> PanopticSegments.read(PNGS, broken, PanopticSegments.Mismatch.FAIL));
        assertTrue(e.getMessage().contains(ann.fileName())
                && e.getMessage().contains("segment id " + dropped.id() + " ")
                && e.getMessage().contains("not in segments_info"), e.getMessage());
        assertEquals(segs.size(), PanopticSegments.read(PNGS, broken, PanopticSegments.Mismatch.AS_PANOPTICAPI).size());
    }
}
