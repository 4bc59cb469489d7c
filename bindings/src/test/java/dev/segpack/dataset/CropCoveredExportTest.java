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

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crop_covered_segments as the exporter applies it (BEHAVIOR.md C). */
class CropCoveredExportTest {

    @TempDir
    Path out;

    private static final CocoExporter.Options CROP = options(SegmentationMode.GUESS, true, false);

    private static AnnotationInfo at(long id, int z) {
        return info(id, 0, 0, z, Attributes.EMPTY);
    }

    @Test
    void aMaskLosesThePixelsOfTheMaskInFrontAndOutputFollowsZOrder() throws IOException {
        Rle bottom = rect(10, 10, 0, 0, 7, 5);
        Rle top = rect(10, 10, 5, 3, 8, 6); // 4x4, of which 3x3 over the bottom
        JsonNode anns = instances(out, categories(), CROP, item("i", 10, 10,
                new Annotation.RleMask(at(2, 1), top), new Annotation.RleMask(at(1, 0), bottom)));
        assertEquals(1, anns.get(0).get("id").asLong(), "sorted back to front");
        Rle cropped = uncompressed(anns.get(0).get("segmentation"));
        assertEquals(39, MaskApi.area(cropped), "8x6 box minus a 3x3 overlap");
        assertEquals(0, MaskApi.area(MaskApi.merge(List.of(cropped, top), true)));
        assertEquals(39.0, anns.get(0).get("area").asDouble());
        assertArrayEquals(new double[] {0, 0, 8, 6}, doubles(anns.get(0).get("bbox")), "the box is not recomputed");
        assertEquals(top, uncompressed(anns.get(1).get("segmentation")), "the front mask is whole");
    }

    /** BEHAVIOR.md C's example: an 8×6 box minus a 3×3 overlap → 39 px → polygon rasterising to 27 px. */
    @Test
    void aCutPolygonBecomesThePolygonsOfWhatIsLeft() throws IOException {
        double[] bottom = {0, 0, 8, 0, 8, 6, 0, 6};
        double[] top = {5, 3, 9, 3, 9, 7, 5, 7};
        JsonNode anns = instances(out, categories(), CROP, item("i", 10, 10,
                new Annotation.Polygon(at(1, 0), bottom), new Annotation.Polygon(at(2, 1), top)));
        JsonNode cut = anns.get(0).get("segmentation");
        List<Rle> parts = new ArrayList<>();
        for (JsonNode p : cut) {
            parts.add(MaskApi.frPoly(doubles(p), 10, 10));
        }
        Rle visible = MaskApi.merge(parts, false);
        Rle left = RleOps.subtract(MaskApi.frPoly(bottom, 10, 10), MaskApi.frPoly(top, 10, 10));
        assertEquals(39, MaskApi.area(left));
        assertEquals(MaskPolygons.of(left, 1).size(), cut.size());
        assertEquals(27, MaskApi.area(visible));
        assertEquals(27.0, anns.get(0).get("area").asDouble());
        assertEquals(0, anns.get(0).get("iscrowd").asInt());
        assertArrayEquals(top, doubles(anns.get(1).get("segmentation").get(0)), "an uncut polygon is kept as it was");
    }

    @Test
    void aSegmentInsideTheBottomCutsNoHole() throws IOException {
        Rle bottom = rect(12, 12, 0, 0, 9, 9);
        JsonNode anns = instances(out, categories(), CROP, item("i", 12, 12,
                new Annotation.RleMask(at(1, 0), bottom),
                new Annotation.RleMask(at(2, 1), rect(12, 12, 4, 4, 5, 5))));
        assertEquals(bottom, uncompressed(anns.get(0).get("segmentation")));
    }

    @Test
    void aBottomFullyCoveredIsKeptWhole() throws IOException {
        Rle bottom = rect(12, 12, 2, 2, 4, 4);
        JsonNode anns = instances(out, categories(), CROP, item("i", 12, 12,
                new Annotation.RleMask(at(1, 0), bottom),
                new Annotation.RleMask(at(2, 1), rect(12, 12, 5, 5, 6, 6)),
                new Annotation.RleMask(at(3, 2), rect(12, 12, 0, 0, 8, 8))));
        assertEquals(bottom, uncompressed(anns.get(0).get("segmentation")),
                "covered by a later segment: nothing is cut, not even by the others");
    }

    @Test
    void segmentsThatDoNotOverlapStayAsTheyWere() throws IOException {
        Rle a = rect(12, 12, 0, 0, 3, 3);
        Rle b = rect(12, 12, 6, 6, 9, 9);
        JsonNode anns = instances(out, categories(), CROP, item("i", 12, 12,
                new Annotation.RleMask(at(1, 0), a), new Annotation.RleMask(at(2, 1), b)));
        assertEquals(a, uncompressed(anns.get(0).get("segmentation")));
        assertEquals(b, uncompressed(anns.get(1).get("segmentation")));
    }
}
