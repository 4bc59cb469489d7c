package dev.segpack.maskimg;

import static dev.segpack.maskimg.MaskFixtures.JSON;
import static dev.segpack.maskimg.MaskFixtures.compressed;
import static dev.segpack.maskimg.MaskFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ContourSet;
import dev.segpack.engine.geometry.Contours;
import dev.segpack.engine.geometry.DouglasPeucker;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On random blob masks: polygon mode writes each object's Contours.find(EXTERNAL, SIMPLE) flattened
 * (RLE exactly when it has a hole or a contour under 3 points), with a tolerance their approxPolyDP;
 * RLE mode decodes back to the mask; --instances splits into components that unite to the mask.
 */
class MaskPolygonParityTest {

    static final int COUNT = 40;
    static final int H = 37;
    static final int W = 53;

    @TempDir
    static Path dir;

    static final List<byte[]> MASKS = new ArrayList<>();

    @BeforeAll
    static void writeMasks() throws IOException {
        SplittableRandom random = new SplittableRandom(20261122);
        Files.createDirectories(dir.resolve("masks"));
        for (int i = 0; i < COUNT; i++) {
            byte[] m = MaskFixtures.blobs(random, H, W);
            MASKS.add(m);
            MaskFixtures.writeGray(dir.resolve("masks").resolve(String.format("img%03d_blob_0.png", i)), m, H, W);
        }
    }

    private static JsonNode run(String name, String... args) throws IOException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("masks", "to-coco", "--masks", dir.resolve("masks").toString(),
                "--out", out.toString()));
        command.addAll(List.of(args));
        assertEquals(0, Main.run(command.toArray(String[]::new)));
        return JSON.readTree(out.toFile());
    }

    @Test
    void polygonModeEqualsTheExternalContours() throws IOException {
        JsonNode anns = run("polygon.json", "--format", "polygon").get("annotations");
        assertEquals(COUNT, anns.size());
        int polygons = 0, rle = 0;
        for (int i = 0; i < COUNT; i++) {
            Mask mask = Mask.ofArray(MASKS.get(i), H, W, Order.ROW_MAJOR);
            ContourSet external = Contours.find(mask, RetrievalMode.EXTERNAL, ChainApprox.SIMPLE);
            ContourSet ccomp = Contours.find(mask, RetrievalMode.CCOMP, ChainApprox.SIMPLE);
            boolean hole = false;
            for (int c = 0; c < ccomp.size(); c++) {
                hole |= ccomp.parent(c) >= 0;
            }
            boolean thin = false;
            for (int c = 0; c < external.size(); c++) {
                thin |= external.pointCount(c) < 3;
            }
            JsonNode seg = anns.get(i).get("segmentation");
            if (hole || thin) {
                assertEquals(MaskApi.encode(mask), compressed(seg), "mask " + i + " as RLE");
                rle++;
            } else {
                assertEquals(external.size(), seg.size(), "mask " + i);
                for (int c = 0; c < external.size(); c++) {
                    assertArrayEquals(external.points(c), ints(seg.get(c)), "mask " + i + " contour " + c);
                }
                polygons++;
            }
            assertEquals(MaskApi.area(MaskApi.encode(mask)), anns.get(i).get("area").asLong());
        }
        assertTrue(polygons > 5 && rle > 5, "both kinds are exercised: " + polygons + " polygons, " + rle + " RLE");
    }

    @Test
    void simplifiedPolygonsAreApproxPolyDpOfTheContours() throws IOException {
        JsonNode anns = run("simplified.json", "--simplify", "1.5").get("annotations");
        for (int i = 0; i < COUNT; i++) {
            JsonNode seg = anns.get(i).get("segmentation");
            if (!seg.isArray()) {
                continue;
            }
            ContourSet external = Contours.find(Mask.ofArray(MASKS.get(i), H, W, Order.ROW_MAJOR),
                    RetrievalMode.EXTERNAL, ChainApprox.SIMPLE);
            for (int c = 0; c < external.size(); c++) {
                assertArrayEquals(DouglasPeucker.simplifyClosed(external.points(c), 1.5), ints(seg.get(c)));
            }
        }
    }

    @Test
    void rleModeRoundTripsEveryMask() throws IOException {
        JsonNode anns = run("rle.json", "--format", "rle").get("annotations");
        for (int i = 0; i < COUNT; i++) {
            Rle rle = compressed(anns.get(i).get("segmentation"));
            Mask decoded = MaskApi.decode(rle, java.lang.foreign.Arena.ofAuto(), Order.ROW_MAJOR);
            byte[] expected = MASKS.get(i).clone();
            for (int p = 0; p < expected.length; p++) {
                expected[p] = (byte) (expected[p] != 0 ? 1 : 0);
            }
            assertArrayEquals(expected, decoded.toArray(Order.ROW_MAJOR), "mask " + i);
        }
    }

    @Test
    void instancesAreComponentsThatUniteToTheMask() throws IOException {
        JsonNode anns = run("instances.json", "--format", "rle", "--instances").get("annotations");
        List<List<Rle>> perImage = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            perImage.add(new ArrayList<>());
        }
        for (JsonNode a : anns) {
            perImage.get(a.get("image_id").asInt() - 1).add(compressed(a.get("segmentation")));
        }
        for (int i = 0; i < COUNT; i++) {
            Rle whole = MaskApi.encode(Mask.ofArray(MASKS.get(i), H, W, Order.ROW_MAJOR));
            assertEquals(whole, MaskApi.merge(perImage.get(i), false), "mask " + i);
            long sum = perImage.get(i).stream().mapToLong(MaskApi::area).sum();
            assertEquals(MaskApi.area(whole), sum, "components do not overlap");
            for (Rle component : perImage.get(i)) {
                Mask m = MaskApi.decode(component, java.lang.foreign.Arena.ofAuto(), Order.ROW_MAJOR);
                assertEquals(1, Contours.find(m, RetrievalMode.EXTERNAL, ChainApprox.SIMPLE).size(),
                        "one outer border: 8-connected");
            }
        }
    }
}
