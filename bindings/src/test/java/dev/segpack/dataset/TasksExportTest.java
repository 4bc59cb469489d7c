package dev.segpack.dataset;

import static dev.segpack.dataset.ExportFixtures.categories;
import static dev.segpack.dataset.ExportFixtures.doubles;
import static dev.segpack.dataset.ExportFixtures.export;
import static dev.segpack.dataset.ExportFixtures.info;
import static dev.segpack.dataset.ExportFixtures.item;
import static dev.segpack.dataset.ExportFixtures.options;
import static dev.segpack.dataset.ExportFixtures.rect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.image.Image;
import dev.segpack.image.PngFile;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks besides instances, ids, file selection and failure behaviour. */
class TasksExportTest {

    @TempDir
    Path out;

    @Test
    void keypointsAreWrittenAloneOrWithTheirGroupsInstance() throws IOException {
        Annotation.Points alone = new Annotation.Points(info(1, 1, 0), new double[] {1, 2, 50, 60, 3.5, 4}, new int[] {2, 0, 1});
        Annotation.Points grouped = new Annotation.Points(info(2, 1, 8), new double[] {5, 5, 7, 9}, new int[] {2, 2});
        Annotation.Box box = new Annotation.Box(info(2, 1, 8), 4, 4, 6, 6);
        Annotation.Box noPoints = new Annotation.Box(info(3, 1, 9), 0, 0, 2, 2);
        JsonNode file = export(out, categories(), options(SegmentationMode.GUESS, false, false, CocoTask.PERSON_KEYPOINTS),
                new ArrayList<>(), item("i", 20, 20, box, grouped, alone, noPoints)).get(CocoTask.PERSON_KEYPOINTS);
        JsonNode anns = file.get("annotations");
        assertEquals(2, anns.size(), "solitary points, then the instance with points; the one without is left out");
        JsonNode first = anns.get(0);
        assertEquals(1, first.get("id").asLong());
        assertArrayEquals(new double[] {1, 2, 2, 50, 60, 0, 3.5, 4, 1}, doubles(first.get("keypoints")));
        assertTrue(first.get("keypoints").get(2).isInt(), "visibility is an integer");
        assertEquals(2, first.get("num_keypoints").asInt(), "absent points do not count");
        assertArrayEquals(new double[] {1, 2, 2.5, 2}, doubles(first.get("bbox")), "box of the points not absent");
        assertEquals(5.0, first.get("area").asDouble(), "no segmentation: box area");
        assertEquals(0, first.get("segmentation").size());
        JsonNode second = anns.get(1);
        assertEquals(2, second.get("id").asLong());
        assertArrayEquals(new double[] {4, 4, 6, 6}, doubles(second.get("bbox")));
        assertArrayEquals(new double[] {5, 5, 2, 7, 9, 2}, doubles(second.get("keypoints")));
        JsonNode cat = file.get("categories").get(1);
        assertEquals("[\"nose\",\"eye\"]", cat.get("keypoints").toString());
        assertEquals("[[1,2]]", cat.get("skeleton").toString());
        assertEquals("[]", file.get("categories").get(0).get("keypoints").toString());
    }

    @Test
    void labelsAndCaptions() throws IOException {
        Map<CocoTask, JsonNode> files = export(out, categories(),
                options(SegmentationMode.GUESS, false, false, CocoTask.LABELS, CocoTask.CAPTIONS), new ArrayList<>(),
                item("i", 5, 5, new Annotation.Label(info(4, 2, 0)),
                        new Annotation.Caption(info(0, AnnotationInfo.NO_LABEL, 0), "a cat")));
        JsonNode label = files.get(CocoTask.LABELS).get("annotations").get(0);
        assertEquals("{\"id\":4,\"image_id\":1,\"category_id\":3}", label.toString());
        JsonNode captions = files.get(CocoTask.CAPTIONS);
        assertEquals("{\"id\":1,\"image_id\":1,\"category_id\":0,\"caption\":\"a cat\"}",
                captions.get("annotations").get(0).toString());
        assertEquals(0, captions.get("categories").size());
    }

    @Test
    void withoutTasksEmptyOnesAreLeftOutAndNamedOnesAreAlwaysWritten() throws IOException {
        Item i = item("i", 5, 5, new Annotation.Box(info(1, 0, 0), 0, 0, 1, 1));
        Set<CocoTask> all = export(out.resolve("all"), categories(), options(SegmentationMode.GUESS, false, false),
                new ArrayList<>(), i).keySet();
        assertEquals(Set.of(CocoTask.INSTANCES, CocoTask.IMAGE_INFO), all);
        assertEquals(List.of("image_info_default.json", "instances_default.json"),
                ExportFixtures.filesUnder(out.resolve("all")).stream().map(p -> p.getFileName().toString()).sorted().toList());
        JsonNode named = export(out.resolve("named"), categories(),
                options(SegmentationMode.GUESS, false, false, CocoTask.LABELS), new ArrayList<>(), i).get(CocoTask.LABELS);
        assertEquals(0, named.get("annotations").size());
        assertEquals(1, named.get("images").size());
    }

    @Test
    void headerAndImageEntriesAreDatumaros() throws IOException {
        JsonNode file = export(out, categories(), options(SegmentationMode.GUESS, false, false, CocoTask.IMAGE_INFO),
                new ArrayList<>(), item("pic", 7, 9)).get(CocoTask.IMAGE_INFO);
        assertEquals(List.of("licenses", "info", "categories", "images", "annotations"),
                InstancesExportTest.fieldNames(file));
        assertEquals("[{\"name\":\"\",\"id\":0,\"url\":\"\"}]", file.get("licenses").toString());
        assertEquals("{\"contributor\":\"\",\"date_created\":\"\",\"description\":\"\",\"url\":\"\",\"version\":\"\","
                + "\"year\":\"\"}", file.get("info").toString());
        assertEquals("{\"id\":1,\"width\":9,\"height\":7,\"file_name\":\"pic.jpg\",\"license\":0,\"flickr_url\":\"\","
                + "\"coco_url\":\"\",\"date_captured\":0}", file.get("images").get(0).toString());
    }

    @Test
    void idsAreKeptOrRenumbered() throws IOException {
        Item a = new Item("a", "default", new ImageInfo("a.jpg", 5, 5), OptionalLong.of(42),
                List.of(new Annotation.Box(info(7, 0, 0), 0, 0, 1, 1), new Annotation.Box(info(0, 0, 0), 0, 0, 1, 1)));
        Item b = item("b", 5, 5, new Annotation.Box(info(3, 0, 0), 0, 0, 1, 1));
        JsonNode kept = export(out.resolve("kept"), categories(), options(SegmentationMode.GUESS, false, false),
                new ArrayList<>(), a, b).get(CocoTask.INSTANCES);
        assertEquals("[42,2]", ids(kept.get("images"), "id"));
        assertEquals("[7,8,3]", ids(kept.get("annotations"), "id"), "a missing id comes after the largest");
        assertEquals("[42,42,2]", ids(kept.get("annotations"), "image_id"));
        JsonNode re = export(out.resolve("re"), categories(), options(SegmentationMode.GUESS, false, true),
                new ArrayList<>(), a, b).get(CocoTask.INSTANCES);
        assertEquals("[1,2]", ids(re.get("images"), "id"));
        assertEquals("[1,2,3]", ids(re.get("annotations"), "id"));
        assertEquals("[1,1,2]", ids(re.get("annotations"), "image_id"));
    }

    @Test
    void panopticPaintsSegmentIdsAsColoursLaterOverEarlier() throws IOException {
        Attributes crowd = Attributes.of(Map.of(Attributes.IS_CROWD, true));
        JsonNode file = export(out, categories(), options(SegmentationMode.GUESS, false, false, CocoTask.PANOPTIC),
                new ArrayList<>(), item("p", 6, 8,
                        new Annotation.RleMask(info(0, 0, 0), rect(6, 8, 0, 0, 4, 3)),
                        new Annotation.RleMask(info(70000, 1, 0, 0, crowd), rect(6, 8, 3, 2, 7, 5))))
                .get(CocoTask.PANOPTIC);
        JsonNode entry = file.get("annotations").get(0);
        assertEquals("p.png", entry.get("file_name").asText());
        JsonNode segments = entry.get("segments_info");
        assertEquals("{\"id\":1,\"category_id\":10,\"area\":20.0,\"bbox\":[0.0,0.0,5.0,4.0],\"iscrowd\":0}",
                segments.get(0).toString());
        assertEquals("{\"id\":70000,\"category_id\":20,\"area\":20.0,\"bbox\":[3.0,2.0,5.0,4.0],\"iscrowd\":1}",
                segments.get(1).toString());
        assertEquals(1, file.get("categories").get(0).get("isthing").asInt());
        assertEquals(0, file.get("categories").get(1).get("isthing").asInt());
        try (Arena arena = Arena.ofConfined()) {
            Image png = PngFile.read(out.resolve("annotations/panoptic_default/p.png"), arena);
            assertEquals(1, rgbId(png, 0, 0));
            assertEquals(70000, rgbId(png, 3, 3), "the later mask paints over the earlier");
            assertEquals(1, rgbId(png, 2, 3));
            assertEquals(0, rgbId(png, 0, 5));
        }
    }

    /** panopticapi's rgb2id: R + 256 G + 65536 B. */
    private static int rgbId(Image rgb, int x, int y) {
        long at = 3L * (y * rgb.w() + x);
        return Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, at))
                + 256 * Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, at + 1))
                + 65536 * Byte.toUnsignedInt(rgb.data().get(ValueLayout.JAVA_BYTE, at + 2));
    }

    @Test
    void aFailureLeavesNoFiles() throws IOException {
        Item good = item("good", 6, 6, new Annotation.RleMask(info(1, 0, 0), rect(6, 6, 0, 0, 2, 2)));
        Item bad = item("bad", 6, 6, new Annotation.RleMask(info(2, 0, 0), rect(7, 6, 0, 0, 2, 2)));
        Path files = out.resolve("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CocoExporter(
                options(SegmentationMode.GUESS, false, false), Progress.NONE, w -> { })
                .export(new ListReader(categories(), List.of(good, bad)), files));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("7x6"), e.getMessage());
        assertEquals(List.of(), ExportFixtures.filesUnder(files));
        try (var s = Files.list(files.resolve("annotations"))) {
            assertEquals(0, s.count(), "no temp files or folders either");
        }
    }

    @Test
    void subsetsGoToFilesOfTheirOwn() throws IOException {
        Item train = new Item("t", "train", new ImageInfo("t.jpg", 4, 4), OptionalLong.empty(),
                List.of(new Annotation.Label(info(1, 0, 0))));
        Item val = new Item("v", "val", new ImageInfo("v.jpg", 4, 4), OptionalLong.empty(),
                List.of(new Annotation.Label(info(2, 0, 0))));
        new CocoExporter(options(SegmentationMode.GUESS, false, false, CocoTask.LABELS), Progress.NONE, w -> { })
                .export(new ListReader(categories(), List.of(train, val, train)), out);
        JsonNode t = ExportFixtures.JSON.readTree(out.resolve("annotations/labels_train.json").toFile());
        JsonNode v = ExportFixtures.JSON.readTree(out.resolve("annotations/labels_val.json").toFile());
        assertEquals(2, t.get("images").size());
        assertEquals("[1,3]", ids(t.get("images"), "id"), "image ids count items across subsets");
        assertEquals(1, v.get("images").size());
        assertFalse(Files.exists(out.resolve("annotations/labels_default.json")));
    }

    private static String ids(JsonNode array, String field) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get(field).asLong()));
        return ids.toString().replace(" ", "");
    }
}
