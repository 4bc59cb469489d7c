package dev.segpack.maskimg;

import static dev.segpack.maskimg.MaskFixtures.JSON;
import static dev.segpack.maskimg.MaskFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mask images through the datumaro-semantics exporter (`coco export --masks`). */
class MaskImageExportTest {

    @TempDir
    Path out;

    private static final JsonNode EXPECTED;

    static {
        try {
            EXPECTED = JSON.readTree(Testdata.path("maskimg/expected.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void guessModeWritesEveryMaskAsAnUncompressedCrowdMask() throws IOException {
        assertEquals(0, Main.run("coco", "export", "--masks", Testdata.path("maskimg/flat").toString(),
                "--images", Testdata.path("maskimg/images").toString(), "--out", out.toString(), "--tasks", "instances"));
        JsonNode coco = JSON.readTree(out.resolve("annotations/instances_default.json").toFile());
        assertEquals(4, coco.get("images").size(), "images without masks are items too");
        JsonNode anns = coco.get("annotations");
        String[] files = {"flat/a_1_car_0.jpg", "flat/a_1_person_0.png", "flat/a_1_person_1.png", "flat/b_car_0.png",
                "flat/b_person_3.png"};
        assertEquals(files.length, anns.size());
        for (int i = 0; i < files.length; i++) {
            JsonNode a = anns.get(i);
            JsonNode e = EXPECTED.get(files[i]);
            assertEquals(i + 1, a.get("id").asInt(), "mask objects are numbered across the dataset");
            assertEquals(1, a.get("iscrowd").asInt(), "a mask of the leader's label: written as mask");
            JsonNode seg = a.get("segmentation");
            Rle rle = Rle.of(seg.get("size").get(0).asInt(), seg.get("size").get(1).asInt(), ints(seg.get("counts")));
            assertEquals(Rle.of(30, 40, ints(e.get("counts"))), rle, files[i]);
            assertEquals(e.get("area").asDouble(), a.get("area").asDouble());
            assertEquals(MaskApi.toBbox(rle).toArray()[2], a.get("bbox").get(2).asDouble(), "pycocotools' toBbox width");
        }
    }

    @Test
    void polygonsModeGivesDatumarosLossyPolygons() throws IOException {
        assertEquals(0, Main.run("coco", "export", "--masks", Testdata.path("maskimg/map").toString(),
                "--categories", Testdata.path("maskimg/map_categories.json").toString(), "--out", out.toString(),
                "--segmentation-mode", "polygons", "--reindex"));
        JsonNode coco = JSON.readTree(out.resolve("annotations/instances_default.json").toFile());
        assertEquals("[1,2,3,4,5]", coco.get("categories").findValuesAsText("id").toString().replace(" ", "")
                .replace("\"", ""), "reindexed: label + 1");
        for (JsonNode a : coco.get("annotations")) {
            assertEquals(0, a.get("iscrowd").asInt());
            JsonNode seg = a.get("segmentation");
            assertTrue(seg.isArray() && !seg.isEmpty());
            for (JsonNode polygon : seg) {
                int n = polygon.size();
                assertEquals(polygon.get(0), polygon.get(n - 2), "closed: the first point repeats");
                assertEquals(polygon.get(1), polygon.get(n - 1));
            }
        }
    }
}
