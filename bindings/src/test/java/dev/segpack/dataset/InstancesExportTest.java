package dev.segpack.dataset;

import static dev.segpack.dataset.ExportFixtures.categories;
import static dev.segpack.dataset.ExportFixtures.doubles;
import static dev.segpack.dataset.ExportFixtures.info;
import static dev.segpack.dataset.ExportFixtures.instances;
import static dev.segpack.dataset.ExportFixtures.item;
import static dev.segpack.dataset.ExportFixtures.options;
import static dev.segpack.dataset.ExportFixtures.rect;
import static dev.segpack.dataset.ExportFixtures.uncompressed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instances task pins datumaro's exporter rules (BEHAVIOR.md C), one test per rule. */
class InstancesExportTest {

    @TempDir
    Path out;

    private static final CocoExporter.Options GUESS = options(SegmentationMode.GUESS, false, false);

    /** A mask written as polygons is decoded to pixels: an image over the pixel limit is refused naming the item. */
    @Test
    void aMaskOverThePixelLimitIsRefusedNamingTheItemBeforeDecoding() {
        Rle huge = Rle.of(50_000, 50_000, new int[] {2_000_000_000, 100, 499_999_900});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> instances(out, categories(),
                options(SegmentationMode.POLYGONS, false, false),
                item("big", 50_000, 50_000, new Annotation.RleMask(info(5, 0, 0), huge))));
        assertTrue(e.getMessage().startsWith("item 'big': cannot decode its masks to find polygons: the image is"
                + " 50000x50000 (h x w) = 2500000000 pixels, more than the limit"), e.getMessage());
    }

    @Test
    void iscrowdIsOneExactlyWhenWrittenAsMaskAndTheMaskIsUncompressedRle() throws IOException {
        Rle mask = rect(20, 30, 2, 3, 5, 8);
        JsonNode anns = instances(out, categories(), GUESS, item("i", 20, 30,
                new Annotation.RleMask(info(5, 0, 0), mask),
                new Annotation.Polygon(info(6, 1, 0), new double[] {10.5, 1, 16, 1, 16, 7.25, 10.5, 7.25})));
        JsonNode m = anns.get(0);
        assertEquals(1, m.get("iscrowd").asInt());
        assertTrue(m.get("segmentation").get("counts").isArray(), "uncompressed counts");
        assertEquals(List.of("counts", "size"), fieldNames(m.get("segmentation")));
        assertEquals(mask, uncompressed(m.get("segmentation")));
        assertEquals(24.0, m.get("area").asDouble());
        assertTrue(m.get("area").isDouble(), "area is a float");
        assertArrayEquals(new double[] {2, 3, 4, 6}, doubles(m.get("bbox")), "toBbox of the mask");
        JsonNode p = anns.get(1);
        assertEquals(0, p.get("iscrowd").asInt());
        assertArrayEquals(new double[] {10.5, 1, 16, 1, 16, 7.25, 10.5, 7.25}, doubles(p.get("segmentation").get(0)));
        assertTrue(p.get("segmentation").get(0).get(1).isDouble(), "polygon values are floats");
    }

    @Test
    void areaOfPolygonsIsTheirRasterisedUnionNotTheShoelace() throws IOException {
        double[] a = {1, 1, 9, 1, 9, 9, 1, 9};
        double[] b = {5, 5, 14, 5, 14, 12, 5, 12};
        JsonNode ann = instances(out, categories(), GUESS, item("i", 20, 20,
                new Annotation.Polygon(info(1, 0, 4), a), new Annotation.Polygon(info(1, 0, 4), b))).get(0);
        long union = MaskApi.area(MaskApi.merge(List.of(MaskApi.frPoly(a, 20, 20), MaskApi.frPoly(b, 20, 20)), false));
        assertEquals(union, ann.get("area").asDouble());
        assertEquals(2, ann.get("segmentation").size(), "both parts, one annotation");
    }

    @Test
    void withoutSegmentationAreaIsTheBoxAreaAndSegmentationIsEmpty() throws IOException {
        JsonNode ann = instances(out, categories(), GUESS,
                item("i", 20, 20, new Annotation.Box(info(1, 0, 0), 2, 3, 4.5, 2))).get(0);
        assertEquals(9.0, ann.get("area").asDouble());
        assertEquals(0, ann.get("segmentation").size());
        assertTrue(ann.get("segmentation").isArray());
        assertEquals(0, ann.get("iscrowd").asInt());
    }

    @Test
    void bboxIsTheGroupsBoxesRoundedTo2Decimals() throws IOException {
        JsonNode anns = instances(out, categories(), GUESS, item("i", 20, 20,
                new Annotation.Box(info(1, 0, 3), 0.125, 1.005, 2.675, 3.0049),
                new Annotation.Polygon(info(1, 0, 3), new double[] {0, 0, 15, 0, 15, 15}),
                new Annotation.Polygon(info(2, 0, 0), new double[] {1.5, 2.5, 4.25, 2.5, 4.25, 7.125}),
                new Annotation.RleMask(info(3, 1, 5), rect(20, 20, 10, 12, 11, 14)),
                new Annotation.Polygon(info(3, 1, 5), new double[] {3.333, 4, 6, 4, 6, 9.999})));
        // ungrouped first, then groups 3 and 5
        assertArrayEquals(new double[] {1.5, 2.5, 2.75, 4.62}, doubles(anns.get(0).get("bbox")),
                "polygon extent; 4.625 is a tie, rounded to even");
        assertArrayEquals(new double[] {0.12, 1.0, 2.67, 3.0}, doubles(anns.get(1).get("bbox")),
                "only the boxes count when there are some; round(x, 2) ties to even on the exact value");
        assertArrayEquals(new double[] {3.33, 4.0, 8.67, 11.0}, doubles(anns.get(2).get("bbox")),
                "without boxes: every part, a mask by its toBbox (x + w = 12, y + h = 15)");
    }

    @Test
    void leaderIsTheLargestPartAndGivesIdLabelAndAttributes() throws IOException {
        Attributes attrs = Attributes.of(Map.of("occluded", true));
        JsonNode ann = instances(out, categories(), GUESS, item("i", 20, 20,
                new Annotation.Polygon(info(11, 1, 7), new double[] {0, 0, 3, 0, 3, 3}),
                new Annotation.Box(info(12, 0, 7, 0, attrs), 1, 1, 10, 10))).get(0);
        assertEquals(12, ann.get("id").asLong());
        assertEquals(10, ann.get("category_id").asInt(), "label 0's source id");
        assertTrue(ann.get("attributes").get("occluded").asBoolean());
        assertEquals(0, ann.get("iscrowd").asInt());
    }

    @Test
    void guessUsesTheLeadersIsCrowdOnlyWhenItIsBooleanTrue() throws IOException {
        double[] square = {2, 2, 8, 2, 8, 8, 2, 8};
        JsonNode anns = instances(out, categories(), GUESS, item("i", 20, 20,
                new Annotation.Polygon(info(1, 0, 1, 0, Attributes.of(Map.of(Attributes.IS_CROWD, true))), square),
                new Annotation.RleMask(info(2, 0, 2, 0, Attributes.of(Map.of(Attributes.IS_CROWD, false))),
                        rect(20, 20, 3, 3, 7, 7)),
                new Annotation.RleMask(info(3, 0, 3, 0, Attributes.of(Map.of(Attributes.IS_CROWD, 1L))),
                        rect(20, 20, 3, 3, 7, 7))));
        JsonNode crowd = anns.get(0);
        assertEquals(1, crowd.get("iscrowd").asInt(), "is_crowd True: the polygon is rasterised into a mask");
        assertEquals(MaskApi.frPoly(square, 20, 20), uncompressed(crowd.get("segmentation")));
        assertEquals(0, anns.get(1).get("iscrowd").asInt(), "is_crowd False: the mask becomes polygons");
        assertArrayEquals(new double[] {3, 3, 3, 7, 7, 7, 7, 3, 3, 3}, doubles(anns.get(1).get("segmentation").get(0)));
        assertEquals(0, anns.get(2).get("iscrowd").asInt(), "datumaro tests `True is value`: 1 is not True");
    }

    @Test
    void guessWithoutIsCrowdUsesAMaskWhenOneHasTheLeadersLabel() throws IOException {
        JsonNode anns = instances(out, categories(), GUESS, item("i", 20, 20,
                new Annotation.RleMask(info(1, 0, 1), rect(20, 20, 3, 3, 7, 7)),
                new Annotation.Box(info(2, 0, 2), 0, 0, 19, 19),
                new Annotation.RleMask(info(2, 1, 2), rect(20, 20, 3, 3, 7, 7))));
        assertEquals(1, anns.get(0).get("iscrowd").asInt());
        assertEquals(0, anns.get(1).get("iscrowd").asInt(), "the box leads with label 0; the mask has label 1");
    }

    /** BEHAVIOR.md C: a 5×5 block gives [3,3,3,7,7,7,7,3,3,3] (rasterised area 16); ≤ 2 px thick gives nothing. */
    @Test
    void polygonsModeTurnsMasksIntoClosedTc89ContoursAndDropsThinOnes() throws IOException {
        JsonNode anns = instances(out, categories(), options(SegmentationMode.POLYGONS, false, false), item("i", 20, 20,
                new Annotation.RleMask(info(1, 0, 0, 0, Attributes.of(Map.of(Attributes.IS_CROWD, true))),
                        rect(20, 20, 3, 3, 7, 7)),
                new Annotation.RleMask(info(2, 0, 0), rect(20, 20, 12, 12, 13, 13)),
                new Annotation.RleMask(info(3, 0, 0), rect(20, 20, 15, 2, 19, 2))));
        JsonNode block = anns.get(0);
        assertEquals(0, block.get("iscrowd").asInt(), "polygons mode ignores is_crowd");
        assertArrayEquals(new double[] {3, 3, 3, 7, 7, 7, 7, 3, 3, 3}, doubles(block.get("segmentation").get(0)));
        assertEquals(16.0, block.get("area").asDouble());
        for (int i = 1; i <= 2; i++) {
            JsonNode thin = anns.get(i);
            assertEquals(0, thin.get("segmentation").size(), "no polygon for a 2x2 or 5x1 block");
            double[] bbox = doubles(thin.get("bbox"));
            assertEquals(bbox[2] * bbox[3], thin.get("area").asDouble(), "no segmentation: box area");
        }
    }

    @Test
    void maskModeUnitesMasksAndRasterisedPolygons() throws IOException {
        double[] triangle = {10, 1, 18, 1, 18, 9};
        Rle block = rect(20, 20, 1, 1, 6, 6);
        JsonNode ann = instances(out, categories(), options(SegmentationMode.MASK, false, false), item("i", 20, 20,
                new Annotation.Polygon(info(1, 2, 9), triangle),
                new Annotation.RleMask(info(1, 2, 9), block))).get(0);
        assertEquals(1, ann.get("iscrowd").asInt());
        Rle union = MaskApi.merge(List.of(block, MaskApi.frPoly(triangle, 20, 20)), false);
        assertEquals(union, uncompressed(ann.get("segmentation")));
        assertEquals(MaskApi.area(union), ann.get("area").asDouble());
        assertEquals(3, ann.get("category_id").asInt(), "label 2 has no source id: label + 1");
    }

    @Test
    void categoryIdsAreLabelPlusOneWhenReindexingElseTheSourceIds() throws IOException {
        Annotation a = new Annotation.Box(info(1, 1, 0), 0, 0, 1, 1);
        Annotation none = new Annotation.Box(info(2, AnnotationInfo.NO_LABEL, 0), 0, 0, 1, 1);
        JsonNode kept = instances(out.resolve("kept"), categories(), GUESS, item("i", 9, 9, a, none));
        assertEquals(20, kept.get(0).get("category_id").asInt());
        assertEquals(0, kept.get(1).get("category_id").asInt(), "no label: -1 + 1");
        JsonNode reindexed = instances(out.resolve("re"), categories(), options(SegmentationMode.GUESS, false, true),
                item("i", 9, 9, a, none));
        assertEquals(2, reindexed.get(0).get("category_id").asInt());
        assertEquals(0, reindexed.get(1).get("category_id").asInt());
    }

    @Test
    void scoreIsAFloatAndAttributesLeaveOutCrowdAndScore() throws IOException {
        Attributes attrs = Attributes.of(new java.util.LinkedHashMap<>(Map.of(
                Attributes.SCORE, 1L, Attributes.IS_CROWD, false, "color", "red")));
        Attributes badScore = Attributes.of(Map.of(Attributes.SCORE, "high"));
        List<String> warnings = new java.util.ArrayList<>();
        JsonNode anns = ExportFixtures.export(out, categories(), GUESS, warnings, item("i", 9, 9,
                new Annotation.Box(info(1, 0, 0, 0, attrs), 0, 0, 2, 2),
                new Annotation.Box(info(2, 0, 0, 0, badScore), 0, 0, 2, 2))).get(CocoTask.INSTANCES).get("annotations");
        assertEquals(1.0, anns.get(0).get("score").asDouble());
        assertTrue(anns.get(0).get("score").isDouble());
        assertEquals(List.of("color"), fieldNames(anns.get(0).get("attributes")));
        assertFalse(anns.get(1).has("score"));
        assertFalse(anns.get(1).has("attributes"));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'score'") && w.contains("high")), warnings.toString());
        JsonNode without = instances(out.resolve("no"), categories(),
                new CocoExporter.Options(java.util.Set.of(), SegmentationMode.GUESS, false, false, false, 1),
                item("i", 9, 9, new Annotation.Box(info(1, 0, 0, 0, attrs), 0, 0, 2, 2)));
        assertFalse(without.get(0).has("attributes"), "--no-attributes");
        assertTrue(without.get(0).has("score"), "score is not an attribute");
    }

    @Test
    void itemsWithoutImageSizeGetNoInstances() throws IOException {
        List<String> warnings = new java.util.ArrayList<>();
        Map<CocoTask, JsonNode> files = ExportFixtures.export(out, categories(),
                options(SegmentationMode.GUESS, false, false, CocoTask.INSTANCES), warnings,
                item("sized", 9, 9, new Annotation.Box(info(1, 0, 0), 0, 0, 2, 2)),
                item("unsized", 0, 0, new Annotation.Box(info(2, 0, 0), 0, 0, 2, 2)));
        JsonNode file = files.get(CocoTask.INSTANCES);
        assertEquals(1, file.get("annotations").size());
        assertEquals(0, file.get("images").get(1).get("width").asInt());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'unsized'")), warnings.toString());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
