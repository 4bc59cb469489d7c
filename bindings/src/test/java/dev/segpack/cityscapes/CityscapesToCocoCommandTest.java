package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * {@code cityscapes to-coco}: every instance equals the reference (pycocotools' encode of the reference instanceIds
 * image == value, area, bbox, iscrowd, category_id), in frame order and ascending value.
 */
class CityscapesToCocoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyInstanceEqualsTheReference() throws IOException {
        Path out = tmp.resolve("rle.json");
        run("rle", out);
        assertEqualsReference(JSON.readTree(out.toFile()));
    }

    @Test
    void skipInvalidReportsABadFrameAndConvertsTheOthersAsTheReference() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        Path bad = GoldenFolder.badFrame(root);
        Path out = tmp.resolve("rle.json");
        CliRun run = CliRun.of("cityscapes", "to-coco", "--gt", root.toString(), "--out", out.toString(),
                "--skip-invalid", "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("segpack cityscapes to-coco: skipped " + bad + ": " + GoldenFolder.BAD_FRAME_ERROR),
                GoldenFolder.warnings(run));
        assertTrue(run.out().startsWith("cityscapes to-coco: 6 frames, 128 annotations (10 crowd), 1 skipped, "),
                run.out());
        assertEqualsReference(JSON.readTree(out.toFile()));
    }

    /** Every annotation, category and the first image as the reference has them. */
    private static void assertEqualsReference(JsonNode coco) throws IOException {
        List<JsonNode> reference = reference();
        JsonNode annotations = coco.get("annotations");
        assertEquals(reference.size(), annotations.size());
        Map<Long, String> frameOfImage = frames(coco);
        for (int i = 0; i < reference.size(); i++) {
            JsonNode expected = reference.get(i);
            JsonNode actual = annotations.get(i);
            String where = "annotation " + i + " (" + expected.get("frame").asText() + ", value " + expected.get("value") + ")";
            assertEquals(expected.get("frame").asText(), frameOfImage.get(actual.get("image_id").asLong()), where);
            assertEquals(expected.get("string").asText(), actual.get("segmentation").get("counts").asText(), where);
            assertEquals(expected.get("area").asLong(), actual.get("area").asLong(), where);
            assertEquals(expected.get("bbox"), actual.get("bbox"), where);
            assertEquals(expected.get("iscrowd").asInt(), actual.get("iscrowd").asInt(), where);
            assertEquals(expected.get("category_id").asInt(), actual.get("category_id").asInt(), where);
            assertEquals(i + 1, actual.get("id").asInt(), where);
        }
        assertEquals(List.of(24, 25, 26, 27, 28, 31, 32, 33), coco.get("categories").findValues("id").stream()
                .map(JsonNode::asInt).toList());
        JsonNode image = coco.get("images").get(0);
        assertEquals("bochum/bochum_000001_000019_leftImg8bit.png", image.get("file_name").asText());
        assertEquals(List.of(1024, 2048), List.of(image.get("height").asInt(), image.get("width").asInt()));
    }

    @Test
    void polygonsKeepAreaBboxAndCrowdsAsTheReference() throws IOException {
        Path out = tmp.resolve("polygon.json");
        String summary = run("polygon", out);
        JsonNode coco = JSON.readTree(out.toFile());
        List<JsonNode> reference = reference();
        JsonNode annotations = coco.get("annotations");
        assertEquals(reference.size(), annotations.size());
        int polygons = 0;
        for (int i = 0; i < reference.size(); i++) {
            JsonNode expected = reference.get(i);
            JsonNode actual = annotations.get(i);
            assertEquals(expected.get("area").asLong(), actual.get("area").asLong());
            assertEquals(expected.get("bbox"), actual.get("bbox"));
            assertEquals(expected.get("iscrowd").asInt(), actual.get("iscrowd").asInt());
            if (actual.get("segmentation").isArray()) {
                assertEquals(0, actual.get("iscrowd").asInt(), "a crowd stays RLE");
                polygons++;
            }
        }
        assertTrue(polygons > 0);
        assertTrue(summary.contains("(10 crowd, " + polygons + " as polygons)"), summary);
    }

    /** Runs to-coco into {@code out}; returns the summary line. */
    private String run(String format, Path out) throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        CliRun run = CliRun.of("cityscapes", "to-coco", "--gt", root.toString(), "--out", out.toString(), "--format",
                format, "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("cityscapes to-coco: 6 frames, 128 annotations (10 crowd"), run.out());
        return run.out();
    }

    private static List<JsonNode> reference() throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(GoldenFolder.REFERENCE.resolve("coco_instances.jsonl"))) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    private static Map<Long, String> frames(JsonNode coco) {
        Map<Long, String> out = new HashMap<>();
        for (JsonNode image : coco.get("images")) {
            String file = image.get("file_name").asText();
            out.put(image.get("id").asLong(), file.substring(file.indexOf('/') + 1, file.indexOf("_leftImg8bit")));
        }
        return out;
    }
}
