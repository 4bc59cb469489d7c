package dev.segpack.maskimg;

import static dev.segpack.maskimg.MaskFixtures.JSON;
import static dev.segpack.maskimg.MaskFixtures.compressed;
import static dev.segpack.maskimg.MaskFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `masks to-coco` against what OpenCV, numpy and Pillow recorded for testdata/maskimg (make_maskimg.py). */
class MasksToCocoTest {

    @TempDir
    Path tmp;

    private static final JsonNode EXPECTED = read(Testdata.path("maskimg/expected.json"));

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode run(String... args) throws IOException {
        Path out = tmp.resolve("out.json");
        List<String> command = new ArrayList<>(List.of("masks", "to-coco", "--out", out.toString(), "--threads", "2"));
        command.addAll(List.of(args));
        assertEquals(0, Main.run(command.toArray(String[]::new)), "masks to-coco " + command);
        return JSON.readTree(out.toFile());
    }

    /** Expected file order: images by stem, then category (car, person), then k. */
    private static final List<String> FLAT_OBJECTS = List.of(
            "flat/a_1_car_0.jpg", "flat/a_1_person_0.png", "flat/a_1_person_1.png", "flat/b_car_0.png",
            "flat/b_person_3.png");

    @Test
    void polygonsAreOpenCvsExternalContoursAndHolesOrThinObjectsAreRle() throws IOException {
        JsonNode coco = run("--masks", Testdata.path("maskimg/flat").toString(),
                "--images", Testdata.path("maskimg/images").toString());
        assertEquals("[{\"id\":1,\"name\":\"car\",\"supercategory\":\"\"},{\"id\":2,\"name\":\"person\",\"supercategory\":\"\"}]",
                coco.get("categories").toString());
        assertEquals(List.of("a_1.jpg", "b.png", "c.png", "d.jpg"), fileNames(coco));
        JsonNode anns = coco.get("annotations");
        assertEquals(FLAT_OBJECTS.size(), anns.size(), "the empty mask gives no object");
        for (int i = 0; i < anns.size(); i++) {
            JsonNode a = anns.get(i);
            JsonNode e = EXPECTED.get(FLAT_OBJECTS.get(i));
            String which = FLAT_OBJECTS.get(i);
            Rle mask = Rle.of(e.get("h").asInt(), e.get("w").asInt(), ints(e.get("counts")));
            assertEquals(i + 1, a.get("id").asInt());
            assertEquals(0, a.get("iscrowd").asInt());
            assertEquals(e.get("area").asLong(), a.get("area").asLong(), which);
            assertTrue(a.get("area").isIntegralNumber());
            assertArrayEquals(MaskApi.toBbox(mask).toArray(), MaskFixtures.doubles(a.get("bbox")), which);
            boolean thin = false;
            for (JsonNode c : e.get("contours")) {
                thin |= c.size() < 6;
            }
            JsonNode seg = a.get("segmentation");
            if (e.get("hole").asBoolean() || thin) {
                assertEquals(mask, compressed(seg), which + " is written as RLE");
            } else {
                assertEquals(e.get("contours"), seg, which + " polygons are cv2's contours");
            }
        }
        assertTrue(EXPECTED.get("flat/a_1_person_0.png").get("hole").asBoolean(), "the set has a hole");
        assertEquals("[1,1,1,2,2]", imageIds(anns));
        assertEquals("[1,2,2,1,2]", categoryIds(anns));
    }

    @Test
    void rleIsLosslessForEveryObject() throws IOException {
        JsonNode anns = run("--masks", Testdata.path("maskimg/flat").toString(), "--format", "rle").get("annotations");
        for (int i = 0; i < anns.size(); i++) {
            JsonNode e = EXPECTED.get(FLAT_OBJECTS.get(i));
            assertEquals(Rle.of(e.get("h").asInt(), e.get("w").asInt(), ints(e.get("counts"))),
                    compressed(anns.get(i).get("segmentation")), FLAT_OBJECTS.get(i));
        }
    }

    @Test
    void withoutImagesSizesComeFromTheMasksAndNamesFromTheStem() throws IOException {
        JsonNode coco = run("--masks", Testdata.path("maskimg/flat").toString(), "--image-ext", ".png");
        assertEquals(List.of("a_1.png", "b.png", "c.png"), fileNames(coco));
        assertEquals(30, coco.get("images").get(0).get("height").asInt());
        assertEquals(40, coco.get("images").get(0).get("width").asInt());
    }

    @Test
    void thresholdAndMinArea() throws IOException {
        JsonNode high = run("--masks", Testdata.path("maskimg/flat").toString(), "--threshold", "200",
                "--format", "rle").get("annotations");
        // person_1 (values 1) and the red ellipse (luma 76) and the palette mask (index 1) fall under 200
        assertEquals(2, high.size());
        JsonNode small = run("--masks", Testdata.path("maskimg/flat").toString(), "--min-area", "150").get("annotations");
        for (JsonNode a : small) {
            assertTrue(a.get("area").asLong() >= 150);
        }
        assertEquals(3, small.size());
    }

    @Test
    void mapsGiveOneObjectPerValueOrPerComponent() throws IOException {
        String map = Testdata.path("maskimg/map").toString();
        String categories = Testdata.path("maskimg/map_categories.json").toString();
        JsonNode whole = run("--masks", map, "--categories", categories, "--format", "rle");
        assertEquals(List.of(1, 3, 5, 7, 8), categoryList(whole));
        Map<String, Integer> valueOfCategory = Map.of("1", 1, "3", 2, "5", 3, "7", 300, "8", 1000);
        List<String> stems = List.of("m1.png", "m2.png", "m3.png");
        List<String> seen = new ArrayList<>();
        for (JsonNode a : whole.get("annotations")) {
            String file = "map/" + stems.get(a.get("image_id").asInt() - 1);
            String value = String.valueOf(valueOfCategory.get(a.get("category_id").asText()));
            JsonNode e = EXPECTED.get(file).get("values").get(value).get("whole");
            assertEquals(Rle.of(30, 40, ints(e.get("counts"))), compressed(a.get("segmentation")), file + " value " + value);
            seen.add(file + ":" + value);
        }
        assertEquals(List.of("map/m1.png:1", "map/m1.png:2", "map/m2.png:2", "map/m2.png:3", "map/m3.png:300",
                "map/m3.png:1000"), seen, "per image in category map order; 255 is declared background");

        Map<String, List<JsonNode>> expected = new HashMap<>();
        for (String stem : stems) {
            EXPECTED.get("map/" + stem).get("values").fields().forEachRemaining(v -> v.getValue().get("components")
                    .forEach(c -> expected.computeIfAbsent(stem + ":" + v.getKey(), k -> new ArrayList<>()).add(c)));
        }
        assertEquals(2, expected.get("m1.png:1").size(), "value 1 has two components");
        for (String format : List.of("rle", "polygon")) {
            JsonNode split = run("--masks", map, "--categories", categories, "--instances", "--format", format);
            Map<String, List<JsonNode>> found = new HashMap<>();
            for (JsonNode a : split.get("annotations")) {
                String key = stems.get(a.get("image_id").asInt() - 1) + ":"
                        + valueOfCategory.get(a.get("category_id").asText());
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(a.get("segmentation"));
            }
            assertEquals(expected.keySet(), found.keySet());
            for (String key : expected.keySet()) {
                assertEquals(expected.get(key).size(), found.get(key).size(), key);
                for (int i = 0; i < expected.get(key).size(); i++) {
                    JsonNode e = expected.get(key).get(i);
                    JsonNode seg = found.get(key).get(i);
                    String which = format + " " + key + " component " + i + " (raster order, as cv2 numbers them)";
                    if (seg.isArray()) {
                        assertEquals(e.get("contours"), seg, which);
                    } else {
                        assertTrue(format.equals("rle") || e.get("hole").asBoolean(), which);
                        assertEquals(Rle.of(30, 40, ints(e.get("counts"))), compressed(seg), which);
                    }
                }
            }
        }
    }

    @Test
    void colourMapsUseTheCategoryColours() throws IOException {
        JsonNode coco = run("--masks", Testdata.path("maskimg/colour").toString(),
                "--categories", Testdata.path("maskimg/colour_categories.json").toString(), "--format", "rle");
        JsonNode anns = coco.get("annotations");
        assertEquals(2, anns.size());
        for (JsonNode a : anns) {
            String name = a.get("category_id").asInt() == 1 ? "car" : "sign";
            JsonNode e = EXPECTED.get("colour/k.png").get("values").get(name).get("whole");
            assertEquals(Rle.of(30, 40, ints(e.get("counts"))), compressed(a.get("segmentation")), name);
        }
    }

    @Test
    void foldersLayoutTakesTheCategoryFromTheFolder() throws IOException {
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks.resolve("dog"));
        Files.createDirectories(masks.resolve("cat_big"));
        byte[] a = new byte[6 * 8];
        a[10] = (byte) 255;
        a[11] = (byte) 255;
        a[19] = (byte) 255;
        MaskFixtures.writeGray(masks.resolve("dog/img_7_0.png"), a, 6, 8);
        MaskFixtures.writeGray(masks.resolve("cat_big/img_7_2.png"), a, 6, 8);
        MaskFixtures.writeGray(masks.resolve("cat_big/img_7_10.png"), a, 6, 8);
        JsonNode coco = run("--masks", masks.toString(), "--format", "rle");
        assertEquals(List.of("img_7.jpg"), fileNames(coco));
        assertEquals("[1,1,2]", categoryIds(coco.get("annotations")), "cat_big (1) k=2, k=10, then dog (2)");
    }

    @Test
    void errorsNameTheFileAndLeaveNoOutput() throws IOException {
        Path masks = tmp.resolve("masks");
        Path images = tmp.resolve("images");
        Files.createDirectories(masks);
        Files.createDirectories(images);
        MaskFixtures.writeGray(masks.resolve("x_dog_0.png"), new byte[6 * 8], 6, 8);
        MaskFixtures.writeGray(images.resolve("x.png"), new byte[7 * 8], 7, 8);
        assertFailure("mask " + masks.resolve("x_dog_0.png") + " is 8x6", "--masks", masks.toString(),
                "--images", images.toString());
        Files.delete(images.resolve("x.png"));
        Files.writeString(images.resolve("x.jpg"), "not a jpeg");
        assertFailure("cannot read the size of image " + images.resolve("x.jpg"), "--masks", masks.toString(),
                "--images", images.toString());
        Files.delete(images.resolve("x.jpg"));
        assertFailure(masks.resolve("x_dog_0.png") + ": no image 'x.*'", "--masks", masks.toString(),
                "--images", images.toString());
        Files.writeString(masks.resolve("y_dog_0.png"), "broken");
        assertFailure(masks.resolve("y_dog_0.png").toString(), "--masks", masks.toString());
        Files.delete(masks.resolve("y_dog_0.png"));
        MaskFixtures.writeGray(masks.resolve("nodog.png"), new byte[6 * 8], 6, 8);
        assertFailure(masks.resolve("nodog.png") + ": does not match <image_stem>_<category>_<k>.png",
                "--masks", masks.toString());

        Path maps = tmp.resolve("maps");
        Files.createDirectories(maps);
        byte[] values = new byte[6 * 8];
        values[13] = 4;
        MaskFixtures.writeGray(maps.resolve("m.png"), values, 6, 8);
        assertFailure(maps.resolve("m.png") + ": pixel value 4 at x=5, y=1 has no category in "
                        + Testdata.path("maskimg/map_categories.json"),
                "--masks", maps.toString(), "--categories", Testdata.path("maskimg/map_categories.json").toString());
        assertFailure("need --categories", "--masks", maps.toString(), "--layout", "map");
        // bytes Jackson would take for UTF-32 and fail on without naming the file
        Path utf32 = tmp.resolve("utf32.json");
        Files.write(utf32, new byte[] {0, 0, 0, '{', 0, 0});
        assertFailure(utf32 + ": not valid JSON", "--masks", maps.toString(), "--categories", utf32.toString());
    }

    private void assertFailure(String expectedMessage, String... args) throws IOException {
        Path out = tmp.resolve("fail.json");
        List<String> command = new ArrayList<>(List.of("masks", "to-coco", "--out", out.toString()));
        command.addAll(List.of(args));
        CliRun run = CliRun.of(command.toArray(String[]::new));
        String message = run.err();
        assertNotEquals(0, run.code(), message);
        assertTrue(message.contains(expectedMessage), "expected '" + expectedMessage + "' in: " + message);
        assertEquals(1, message.strip().lines().count(), "one line: " + message);
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".fail.json")), "no temp files left");
        }
    }

    private static List<String> fileNames(JsonNode coco) {
        List<String> names = new ArrayList<>();
        coco.get("images").forEach(i -> names.add(i.get("file_name").asText()));
        return names;
    }

    private static List<Integer> categoryList(JsonNode coco) {
        List<Integer> ids = new ArrayList<>();
        coco.get("categories").forEach(c -> ids.add(c.get("id").asInt()));
        return ids;
    }

    private static String imageIds(JsonNode anns) {
        List<Integer> ids = new ArrayList<>();
        anns.forEach(a -> ids.add(a.get("image_id").asInt()));
        return ids.toString().replace(" ", "");
    }

    private static String categoryIds(JsonNode anns) {
        List<Integer> ids = new ArrayList<>();
        anns.forEach(a -> ids.add(a.get("category_id").asInt()));
        return ids.toString().replace(" ", "");
    }
}
