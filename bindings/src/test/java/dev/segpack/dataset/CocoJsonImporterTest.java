package dev.segpack.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.cli.Main;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.io.PyFloat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoJsonImporterTest {

    @TempDir
    Path tmp;

    /**
     * COCO → COCO through `coco export` keeps every polygon as written, writes crowd annotations as
     * uncompressed RLE of pycocotools' annToRLE mask, and sets area to the reference mask area.
     */
    @Test
    void cocoMiniRoundTripFollowsTheReference() throws IOException {
        Path in = Testdata.path("coco-mini/annotations/instances_val2017.json");
        assertEquals(0, Main.run("coco", "export", "--ann", in.toString(), "--out", tmp.toString(), "--tasks", "instances"));
        JsonNode written = ExportFixtures.JSON.readTree(tmp.resolve("annotations/instances_val2017.json").toFile());
        JsonNode original = ExportFixtures.JSON.readTree(in.toFile());
        Map<Long, JsonNode> reference = new HashMap<>();
        for (JsonNode r : Testdata.jsonLines("coco-mini/reference/instances_val2017_annrle.jsonl.gz")) {
            reference.put(r.get("id").asLong(), r);
        }
        Map<Long, JsonNode> source = new HashMap<>();
        original.get("annotations").forEach(a -> source.put(a.get("id").asLong(), a));
        assertEquals(original.get("annotations").size(), written.get("annotations").size());
        assertEquals(original.get("images").size(), written.get("images").size());
        for (JsonNode a : written.get("annotations")) {
            long id = a.get("id").asLong();
            JsonNode s = source.get(id);
            JsonNode r = reference.get(id);
            assertEquals(s.get("category_id"), a.get("category_id"), "source category ids are kept");
            assertEquals(s.get("iscrowd").asInt(), a.get("iscrowd").asInt());
            assertEquals(r.get("area").asDouble(), a.get("area").asDouble(), "annotation " + id);
            for (int k = 0; k < 4; k++) {
                assertEquals(PyFloat.round(s.get("bbox").get(k).asDouble(), 2), a.get("bbox").get(k).asDouble());
            }
            if (a.get("iscrowd").asInt() == 1) {
                JsonNode seg = a.get("segmentation");
                Rle rle = ExportFixtures.uncompressed(seg);
                assertEquals(r.get("string").asText(), RleString.encode(rle), "annotation " + id);
            } else {
                assertEquals(s.get("segmentation"), a.get("segmentation"), "annotation " + id);
            }
        }
        List<String> names = new ArrayList<>();
        written.get("categories").forEach(c -> names.add(c.get("id") + ":" + c.get("name").asText()));
        List<String> expected = new ArrayList<>();
        original.get("categories").forEach(c -> expected.add(c.get("id") + ":" + c.get("name").asText()));
        assertEquals(expected, names);
    }

    @Test
    void readsItemsInFileOrderWithDatumarosAnnotations() throws IOException {
        Path file = tmp.resolve("instances_train.json");
        Files.writeString(file, """
                {"images": [{"id": 7, "file_name": "dir/x.jpg", "height": 4, "width": 5},
                            {"id": 3, "file_name": "y.png"}],
                 "categories": [{"id": 9, "name": "b"}, {"id": 2, "name": "a", "supercategory": "s"}],
                 "annotations": [
                   {"id": 1, "image_id": 3, "category_id": 2, "bbox": [0, 0, 1, 1], "iscrowd": 0,
                    "segmentation": [[]], "score": 0.5, "attributes": {"occluded": true, "tags": [1, 2]}},
                   {"id": 2, "image_id": 7, "category_id": 9, "iscrowd": 1, "bbox": [],
                    "segmentation": {"size": [4, 5], "counts": [0, 3, 17]}},
                   {"id": 3, "image_id": 7, "category_id": 0, "iscrowd": 0,
                    "segmentation": [[0, 0, 2, 0, 2, 2], [3, 3, 4, 3, 4, 4]]},
                   {"id": 4, "image_id": 99, "category_id": 2}]}
                """);
        List<String> warnings = new ArrayList<>();
        try (CocoJsonImporter reader = CocoJsonImporter.open(file, null, warnings::add)) {
            assertEquals(CocoTask.INSTANCES, reader.task());
            assertEquals(List.of("a", "b"), reader.categories().categories().stream().map(Category::name).toList(),
                    "labels in order of category id");
            Iterator<Item> items = reader.items();
            Item x = items.next();
            assertEquals("dir/x", x.id());
            assertEquals("train", x.subset());
            assertEquals(7, x.imageId().getAsLong());
            assertEquals(3, x.annotations().size());
            Annotation.RleMask mask = (Annotation.RleMask) x.annotations().get(0);
            assertEquals(1, mask.info().label());
            assertEquals(Boolean.TRUE, mask.info().attributes().get(Attributes.IS_CROWD));
            assertEquals(2, mask.info().group(), "group = annotation id");
            assertEquals(3, MaskApi.area(mask.rle()));
            assertEquals(AnnotationInfo.NO_LABEL, x.annotations().get(1).info().label(), "category 0: no label");
            assertTrue(x.annotations().get(2) instanceof Annotation.Polygon);
            Item y = items.next();
            assertEquals(0, y.image().height(), "no size given");
            assertEquals(1, y.annotations().size(), "[[]] is no segmentation; the box stays");
            Attributes attrs = y.annotations().get(0).info().attributes();
            assertEquals(0.5, attrs.get(Attributes.SCORE));
            assertEquals(new Attributes.RawJson("[1, 2]"), attrs.get("tags"));
            assertEquals(List.of("occluded", "tags", "score", "is_crowd"), List.copyOf(attrs.asMap().keySet()));
            assertTrue(!items.hasNext());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("1 annotation(s)")), warnings.toString());
    }

    @Test
    void badAnnotationsAreNamed() throws IOException {
        Path file = tmp.resolve("x.json");
        Files.writeString(file, """
                {"images": [{"id": 1, "file_name": "a.jpg", "height": 4, "width": 5}],
                 "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 12, "image_id": 1, "category_id": 1, "segmentation": [[1, 2, 3, 4]]}]}
                """);
        try (CocoJsonImporter reader = CocoJsonImporter.open(file, null, w -> { })) {
            CocoFormatException e = assertThrows(CocoFormatException.class, () -> reader.items().next());
            assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("id 12")
                    && e.getMessage().contains("4 values"), e.getMessage());
        }
        Files.writeString(file, """
                {"images": [{"id": 1, "file_name": "a.jpg", "height": 4, "width": 5}], "categories": [],
                 "annotations": [{"id": 5, "image_id": 1, "category_id": 3}]}
                """);
        try (CocoJsonImporter reader = CocoJsonImporter.open(file, null, w -> { })) {
            CocoFormatException e = assertThrows(CocoFormatException.class, () -> reader.items().next());
            assertTrue(e.getMessage().contains("id 5") && e.getMessage().contains("category_id 3"), e.getMessage());
        }
    }

    @Test
    void keypointsFilesGivePointsAndKeypointCategories() throws IOException {
        Path in = Testdata.path("coco-mini/annotations/person_keypoints_val2017.json");
        try (CocoJsonImporter reader = CocoJsonImporter.open(in, null, w -> { })) {
            assertEquals(CocoTask.PERSON_KEYPOINTS, reader.task());
            Category person = reader.categories().get(0);
            assertEquals(17, person.keypoints().size());
            assertEquals(19, person.skeleton().size());
            long points = 0;
            for (Iterator<Item> it = reader.items(); it.hasNext(); ) {
                points += it.next().annotations().stream().filter(a -> a instanceof Annotation.Points).count();
            }
            assertEquals(118, points);
        }
        assertEquals(0, Main.run("coco", "export", "--ann", in.toString(), "--out", tmp.toString(),
                "--tasks", "person_keypoints"));
        JsonNode written = ExportFixtures.JSON.readTree(tmp.resolve("annotations/person_keypoints_val2017.json").toFile());
        JsonNode original = ExportFixtures.JSON.readTree(in.toFile());
        Map<Long, JsonNode> source = new HashMap<>();
        original.get("annotations").forEach(a -> source.put(a.get("id").asLong(), a));
        assertEquals(118, written.get("annotations").size());
        for (JsonNode a : written.get("annotations")) {
            JsonNode s = source.get(a.get("id").asLong());
            assertEquals(s.get("num_keypoints"), a.get("num_keypoints"));
            for (int k = 0; k < s.get("keypoints").size(); k++) {
                assertEquals(s.get("keypoints").get(k).asDouble(), a.get("keypoints").get(k).asDouble());
            }
        }
        assertEquals(original.get("categories").get(0).get("skeleton"), written.get("categories").get(0).get("skeleton"));
    }
}
