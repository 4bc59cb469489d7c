package dev.segpack.panoptic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanopticConvertersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path CATEGORIES = Testdata.path("panoptic/panoptic_coco_categories.json");

    @TempDir
    Path tmp;

    private JsonNode toDetection(boolean thingsOnly, Path json, Path pngs, Path out) throws IOException {
        new PanopticToDetection(new PanopticToDetection.Options(thingsOnly, PanopticSegments.Mismatch.FAIL, 2),
                Progress.NONE).convert(json, pngs, CATEGORIES, out);
        return MAPPER.readTree(out.toFile());
    }

    /** panoptic2detection: strings equal the reference, fields in panopticapi's order, ids 0.., categories stripped. */
    @Test
    void toDetectionMatchesPanopticapi() throws IOException {
        JsonNode det = toDetection(false, PanopticSegmentsTest.JSON, PanopticSegmentsTest.PNGS, tmp.resolve("det.json"));
        Map<String, String> reference = new HashMap<>();
        for (JsonNode r : Testdata.jsonLines("panoptic/reference_segments.jsonl.gz")) {
            reference.put(r.get("image_id").asLong() + "/" + r.get("category_id").asInt() + "/" + r.get("area").asLong(),
                    r.get("string").asText());
        }
        JsonNode original = MAPPER.readTree(PanopticSegmentsTest.JSON.toFile());
        List<JsonNode> infos = new ArrayList<>();
        original.get("annotations").forEach(a -> a.get("segments_info").forEach(infos::add));
        JsonNode anns = det.get("annotations");
        assertEquals(50, anns.size());
        for (int i = 0; i < anns.size(); i++) {
            JsonNode a = anns.get(i);
            JsonNode info = infos.get(i);
            assertEquals(List.of("area", "category_id", "iscrowd", "bbox", "image_id", "segmentation", "id"),
                    fieldNames(a), "annotation " + i);
            assertEquals(i, a.get("id").asInt());
            assertEquals(info.get("bbox"), a.get("bbox"));
            assertEquals(info.get("area"), a.get("area"));
            assertEquals(reference.get(a.get("image_id").asLong() + "/" + a.get("category_id").asInt() + "/"
                    + a.get("area").asLong()), a.get("segmentation").get("counts").asText(), "annotation " + i);
        }
        assertEquals(original.get("images"), det.get("images"));
        assertEquals(original.get("categories").size(), det.get("categories").size());
        det.get("categories").forEach(c -> assertFalse(c.has("isthing") || c.has("color"), c.toString()));
    }

    @Test
    void thingsOnlyKeepsThingSegmentsAndCategories() throws IOException {
        JsonNode det = toDetection(true, PanopticSegmentsTest.JSON, PanopticSegmentsTest.PNGS, tmp.resolve("det.json"));
        Set<Integer> things = new HashSet<>();
        MAPPER.readTree(CATEGORIES.toFile()).forEach(c -> {
            if (c.get("isthing").asInt() == 1) {
                things.add(c.get("id").asInt());
            }
        });
        int expected = 0;
        for (JsonNode r : Testdata.jsonLines("panoptic/reference_segments.jsonl.gz")) {
            expected += things.contains(r.get("category_id").asInt()) ? 1 : 0;
        }
        assertTrue(expected > 0 && expected < 50);
        assertEquals(expected, det.get("annotations").size());
        det.get("annotations").forEach(a -> assertTrue(things.contains(a.get("category_id").asInt())));
        assertEquals(things.size(), det.get("categories").size());
    }

    /** detection → panoptic → detection gives back every mask (RLE equal) and every other field. */
    @Test
    void roundTripThroughPanopticKeepsEveryMask() throws IOException {
        Path det = tmp.resolve("det.json");
        JsonNode first = toDetection(false, PanopticSegmentsTest.JSON, PanopticSegmentsTest.PNGS, det);
        Path panJson = tmp.resolve("pan.json");
        Path panPngs = tmp.resolve("pan");
        new DetectionToPanoptic(new DetectionToPanoptic.Options(2), Progress.NONE).convert(det, CATEGORIES, panJson, panPngs);

        JsonNode pan = MAPPER.readTree(panJson.toFile());
        assertEquals(MAPPER.readTree(CATEGORIES.toFile()), pan.get("categories"));
        for (JsonNode a : pan.get("annotations")) {
            assertEquals(List.of("image_id", "file_name", "segments_info"), fieldNames(a));
            assertEquals(String.format("%012d.png", a.get("image_id").asLong()), a.get("file_name").asText());
            Set<Integer> ids = new HashSet<>();
            a.get("segments_info").forEach(s -> {
                assertEquals(List.of("area", "category_id", "iscrowd", "bbox", "id"), fieldNames(s));
                assertTrue(ids.add(s.get("id").asInt()), "segment ids unique per image");
            });
        }
        JsonNode second = toDetection(false, panJson, panPngs, tmp.resolve("det2.json"));
        assertEquals(first.get("annotations").size(), second.get("annotations").size());
        for (int i = 0; i < first.get("annotations").size(); i++) {
            JsonNode a = first.get("annotations").get(i);
            JsonNode b = second.get("annotations").get(i);
            assertEquals(a.get("segmentation"), b.get("segmentation"), "mask of annotation " + i);
            assertEquals(a.get("category_id"), b.get("category_id"));
            assertEquals(a.get("bbox"), b.get("bbox"));
            assertEquals(a.get("area"), b.get("area"));
        }
        byte[] png = Files.readAllBytes(panPngs.resolve("000000142238.png"));
        new DetectionToPanoptic(new DetectionToPanoptic.Options(1), Progress.NONE)
                .convert(det, CATEGORIES, tmp.resolve("again.json"), tmp.resolve("again"));
        assertArrayEquals(png, Files.readAllBytes(tmp.resolve("again/000000142238.png")), "ids are deterministic");
        assertEquals(Files.readString(panJson), Files.readString(tmp.resolve("again.json")));
    }

    /** The first segment of a category gets the category colour; later ones distinct colours within ±30. */
    @Test
    void segmentColoursFollowTheDocumentedRule() {
        SegmentColors colors = new SegmentColors(42);
        int[] person = {220, 20, 60};
        assertEquals(PanopticPng.rgbToId(220, 20, 60), colors.next(1, person));
        Set<Integer> ids = new HashSet<>(Set.of(PanopticPng.rgbToId(220, 20, 60)));
        for (int i = 0; i < 500; i++) {
            int id = colors.next(1, person);
            assertTrue(ids.add(id), "unique");
            int[] rgb = PanopticPng.idToRgb(id);
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(rgb[c] - person[c]) <= 30, "within ±30: " + id);
            }
        }
        SegmentColors a = new SegmentColors(42);
        SegmentColors b = new SegmentColors(42);
        for (int i = 0; i < 20; i++) {
            assertEquals(a.next(1, person), b.next(1, person), "same image, same sequence");
        }
        int otherCategorySameColour = a.next(2, person);
        assertNotEquals(PanopticPng.rgbToId(220, 20, 60), otherCategorySameColour, "a taken colour is not reused");
        assertNotEquals(0, new SegmentColors(7).next(3, null), "void (0) is never a segment id");
    }

    /** Overlapping detection masks: the error names both annotations and the file. */
    @Test
    void overlappingDetectionsNameBothAnnotations() throws IOException {
        Path det = tmp.resolve("det.json");
        toDetection(false, PanopticSegmentsTest.JSON, PanopticSegmentsTest.PNGS, det);
        ObjectNode root = (ObjectNode) MAPPER.readTree(det.toFile());
        ArrayNode anns = (ArrayNode) root.get("annotations");
        ObjectNode copy = anns.get(0).deepCopy();
        copy.put("id", 999);
        anns.add(copy);
        Path overlapping = tmp.resolve("overlap.json");
        MAPPER.writeValue(overlapping.toFile(), root);
        PanopticFormatException e = assertThrows(PanopticFormatException.class,
                () -> new DetectionToPanoptic(new DetectionToPanoptic.Options(1), Progress.NONE)
                        .convert(overlapping, CATEGORIES, tmp.resolve("o.json"), tmp.resolve("o")));
        assertTrue(e.getMessage().contains("overlap.json") && e.getMessage().contains("annotation id 999")
                && e.getMessage().contains("annotation id 0 "), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o.json")), "no output JSON after a failure");
    }

    /** Semantic PNG values equal a per-pixel computation from the panoptic PNG and segments_info. */
    @Test
    void semanticPngEqualsPerPixelCategories() throws IOException {
        for (boolean thingsOther : new boolean[] {false, true}) {
            Path out = tmp.resolve("sem" + thingsOther);
            assertEquals(0, Main.run("panoptic", "to-semantic", "--json", PanopticSegmentsTest.JSON.toString(),
                    "--pngs", PanopticSegmentsTest.PNGS.toString(), "--categories", CATEGORIES.toString(),
                    "--out-dir", out.toString(), thingsOther ? "--things-other" : "--threads=1"));
            Map<Integer, Boolean> isThing = new HashMap<>();
            MAPPER.readTree(CATEGORIES.toFile()).forEach(c -> isThing.put(c.get("id").asInt(), c.get("isthing").asInt() == 1));
            for (PanopticAnnotation ann : PanopticJson.load(PanopticSegmentsTest.JSON).annotations()) {
                Map<Integer, Integer> category = new HashMap<>();
                ann.segments().forEach(s -> category.put(s.id(),
                        thingsOther && isThing.get(s.categoryId()) ? 183 : s.categoryId()));
                try (Arena arena = Arena.ofConfined()) {
                    Image rgb = PngFile.read(PanopticSegmentsTest.PNGS.resolve(ann.fileName()), arena);
                    Image sem = PngFile.read(out.resolve(ann.fileName()), arena);
                    assertEquals(PixelFormat.GRAY, sem.format());
                    long differing = 0;
                    for (int y = 0; y < rgb.h(); y++) {
                        for (int x = 0; x < rgb.w(); x++) {
                            long o = ((long) y * rgb.w() + x) * 3;
                            int id = PanopticPng.rgbToId(Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, o)),
                                    Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, o + 1)),
                                    Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, o + 2)));
                            int expected = category.getOrDefault(id, 0);
                            differing += expected == sem.asLabelMap().get(y, x) ? 0 : 1;
                        }
                    }
                    assertEquals(0, differing, ann.fileName() + " thingsOther=" + thingsOther);
                }
            }
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
