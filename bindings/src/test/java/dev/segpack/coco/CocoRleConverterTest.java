package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.testing.CliRun;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CocoRleConverterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** `coco rle --recompute` on coco-mini gives pycocotools' string, area and bbox for every annotation. */
    @ParameterizedTest
    @ValueSource(strings = {"instances_val2017", "person_keypoints_val2017"})
    void reproducesReferenceForEveryAnnotation(String name) throws IOException {
        Path in = Testdata.path("coco-mini/annotations/" + name + ".json");
        Path out = tmp.resolve("out.json");
        assertEquals(0, Main.run("coco", "rle", "--ann", in.toString(), "--out", out.toString(), "--recompute"));

        Map<Long, JsonNode> reference = new HashMap<>();
        for (JsonNode r : Testdata.jsonLines("coco-mini/reference/" + name + "_annrle.jsonl.gz")) {
            reference.put(r.get("id").asLong(), r);
        }
        JsonNode written = JSON.readTree(out.toFile());
        JsonNode original = JSON.readTree(in.toFile());
        JsonNode anns = written.get("annotations");
        assertEquals(reference.size(), anns.size());
        for (int i = 0; i < anns.size(); i++) {
            JsonNode a = anns.get(i);
            JsonNode r = reference.get(a.get("id").asLong());
            String which = name + " annotation " + a.get("id");
            assertEquals(r.get("string").asText(), a.get("segmentation").get("counts").asText(), which);
            assertEquals(r.get("area").asLong(), a.get("area").asLong(), which);
            assertTrue(a.get("area").isIntegralNumber(), which);
            assertEquals(r.get("bbox"), a.get("bbox"), which);
            JsonNode img = imageOf(original, a.get("image_id").asLong());
            assertEquals(JSON.readTree("[" + img.get("height") + "," + img.get("width") + "]"),
                    a.get("segmentation").get("size"), which);
            assertEquals(fieldNames(original.get("annotations").get(i)), fieldNames(a), which + " field order");
        }
        for (String key : List.of("info", "licenses", "images", "categories")) {
            assertEquals(original.get(key), written.get(key), key);
        }
        assertEquals(fieldNames(original), fieldNames(written));
    }

    @Test
    void withoutRecomputeAreaAndBboxStayAsTheyWere() throws IOException {
        Path in = Testdata.path("coco-mini/annotations/instances_val2017.json");
        Path out = tmp.resolve("out.json");
        assertEquals(0, Main.run("coco", "rle", "--ann", in.toString(), "--out", out.toString()));
        JsonNode original = JSON.readTree(in.toFile()).get("annotations");
        JsonNode written = JSON.readTree(out.toFile()).get("annotations");
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.get(i).get("area"), written.get(i).get("area"));
            assertEquals(original.get(i).get("bbox"), written.get(i).get("bbox"));
        }
        // the raw text of unchanged numbers is carried over, so Python's float reprs survive exactly
        String text = Files.readString(out);
        assertTrue(text.contains("1605.7768999999985"));
    }

    @Test
    void compressedInputIsKeptAndConvertingTwiceIsStable() throws IOException {
        Path in = Testdata.path("coco-mini/annotations/instances_val2017.json");
        Path once = tmp.resolve("once.json");
        Path twice = tmp.resolve("twice.json");
        assertEquals(0, Main.run("coco", "rle", "--ann", in.toString(), "--out", once.toString(), "--recompute"));
        assertEquals(0, Main.run("coco", "rle", "--ann", once.toString(), "--out", twice.toString(), "--recompute"));
        assertEquals(JSON.readTree(once.toFile()), JSON.readTree(twice.toFile()));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode imageOf(JsonNode dataset, long id) {
        for (JsonNode img : dataset.get("images")) {
            if (img.get("id").asLong() == id) {
                return img;
            }
        }
        throw new AssertionError("no image " + id);
    }

    /** Writes coco-mini with one annotation broken by {@code breaker}; returns its id. */
    private long writeBroken(Path file, java.util.function.BiConsumer<ObjectNode, JsonNode> breaker) throws IOException {
        ObjectNode dataset = (ObjectNode) JSON.readTree(Testdata.path("coco-mini/annotations/instances_val2017.json").toFile());
        ObjectNode victim = (ObjectNode) dataset.get("annotations").get(7);
        breaker.accept(victim, imageOf(dataset, victim.get("image_id").asLong()));
        JSON.writeValue(file.toFile(), dataset);
        return victim.get("id").asLong();
    }

    @Test
    void badAnnotationsStopTheRunNamingTheAnnotationAndLeaveNoOutput() throws IOException {
        List<java.util.function.BiConsumer<ObjectNode, JsonNode>> breakers = List.of(
                (a, img) -> a.put("image_id", 987654321),
                (a, img) -> a.put("segmentation", "oops"),
                (a, img) -> a.set("segmentation", JSON.createArrayNode().add(JSON.createArrayNode().add(1).add("x"))),
                (a, img) -> a.set("segmentation", JSON.createObjectNode().put("counts", "0")),
                (a, img) -> a.set("segmentation", rle(img.get("height").asInt() + 1, img.get("width").asInt(), "0")),
                (a, img) -> a.set("segmentation", JSON.createArrayNode()),
                (a, img) -> a.remove("segmentation"));
        Path in = tmp.resolve("broken.json");
        Path out = tmp.resolve("out.json");
        for (var breaker : breakers) {
            long id = writeBroken(in, breaker);
            CliRun run = assertRefused(in, out);
            assertTrue(run.err().contains("annotation id " + id), run.err());
            assertTrue(run.err().contains(in.toString()), run.err());
            try (var leftovers = Files.list(tmp)) {
                assertEquals(List.of(in), leftovers.toList(), "temp files left behind");
            }

            assertSkipInvalidLeavesOut(in, out, id);
            Files.delete(out);
        }
    }

    /** Issue 9, finding 8: an image_id that is missing, null or a string is one more invalid annotation. */
    @Test
    void skipInvalidSkipsAnnotationsWithoutAnIntegerImageId() throws IOException {
        List<java.util.function.BiConsumer<ObjectNode, JsonNode>> breakers = List.of(
                (a, img) -> a.remove("image_id"),
                (a, img) -> a.putNull("image_id"),
                (a, img) -> a.put("image_id", img.get("id").asText()));
        Path in = tmp.resolve("broken.json");
        Path out = tmp.resolve("out.json");
        for (var breaker : breakers) {
            long id = writeBroken(in, breaker);
            CliRun run = assertRefused(in, out);
            assertTrue(run.err().contains(in + ": annotation #") && run.err().contains("(id " + id + ") has no integer image_id"),
                    run.err());

            CliRun skipped = assertSkipInvalidLeavesOut(in, out, id);
            assertTrue(skipped.err().contains(in + ": annotation id " + id + " (#")
                    && skipped.err().contains("): it has no integer image_id"), skipped.err());
            Files.delete(out);
        }
    }

    /** {@code coco rle} on a broken {@code in}: exit code 1 and no {@code out}. */
    private static CliRun assertRefused(Path in, Path out) throws IOException {
        CliRun run = cocoRle(in, out);
        assertEquals(1, run.code(), run.err());
        assertFalse(Files.exists(out));
        return run;
    }

    /** {@code coco rle --skip-invalid} on coco-mini broken in annotation {@code id}: the other 623 are written. */
    private static CliRun assertSkipInvalidLeavesOut(Path in, Path out, long id) throws IOException {
        CliRun skipped = cocoRle(in, out, "--skip-invalid");
        assertEquals(0, skipped.code(), skipped.err());
        assertTrue(skipped.out().contains("623 annotations") && skipped.out().contains("1 invalid"), skipped.out());
        JsonNode written = JSON.readTree(out.toFile()).get("annotations");
        assertEquals(623, written.size());
        for (Iterator<JsonNode> it = written.elements(); it.hasNext(); ) {
            assertTrue(it.next().get("id").asLong() != id);
        }
        return skipped;
    }

    @Test
    void malformedCompressedCountsAreRefusedWithTheirPosition() throws IOException {
        Path in = tmp.resolve("broken.json");
        long id = writeBroken(in, (a, img) -> a.set("segmentation",
                rle(img.get("height").asInt(), img.get("width").asInt(), "12~4")));
        CliRun run = cocoRle(in, tmp.resolve("o.json"));
        assertEquals(1, run.code());
        assertTrue(run.err().contains("annotation id " + id) && run.err().contains("'~' at char 2"), run.err());
    }

    /**
     * The top level is written as json.load holds it (a repeated name once, where it first appears,
     * with its last value), every value but the annotations as it was; the file is read once.
     */
    @Test
    void topLevelIsWrittenAsJsonLoadHoldsIt() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, """
                {"info": {"x": [1, 2]}, "images": [{"id": 1, "height": 2, "width": 3}],
                 "n": 1e-05, "s": "a\\/b \\u00e9", "info": {"y":  2},
                 "annotations": [{"id": 5, "image_id": 1, "segmentation": [[0, 0, 2, 0, 2, 1]], "note": "keep"}]}
                """);
        Path out = tmp.resolve("out.json");
        assertEquals(0, Main.run("coco", "rle", "--ann", in.toString(), "--out", out.toString()));
        String counts = RleString.encode(new Segmentation.Polygons(new double[][] {{0, 0, 2, 0, 2, 1}}).toRle(2, 3));
        assertEquals("{\"info\":{\"y\":  2},\"images\":[{\"id\": 1, \"height\": 2, \"width\": 3}],\"n\":1e-05,"
                + "\"s\":\"a/b \u00e9\",\"annotations\":[{\"id\":5,\"image_id\":1,\"segmentation\":{\"size\":[2,3],"
                + "\"counts\":\"" + counts + "\"},\"note\":\"keep\"}]}", Files.readString(out));
    }

    /** A segmentation is checked in full only when it is parsed: its error still names the file, the line and the annotation. */
    @Test
    void invalidJsonInASegmentationNamesItsPlace() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "{\"images\": [{\"id\": 1, \"height\": 2, \"width\": 3}],\n"
                + "\"annotations\": [{\"id\": 5, \"image_id\": 1, \"segmentation\": [[0, 0,, 2, 0, 2, 1]]}]}");
        CliRun run = cocoRle(in, tmp.resolve("o.json"));
        assertEquals(1, run.code());
        assertTrue(run.err().contains(in + ": not valid JSON at line 2, column ") && run.err().contains("in annotation id 5 (#0)"),
                run.err());
    }

    /** {@code segpack coco rle --ann in --out out options...}, captured. */
    private static CliRun cocoRle(Path in, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("coco", "rle", "--ann", in.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static ObjectNode rle(int h, int w, String counts) {
        ObjectNode rle = JSON.createObjectNode();
        rle.set("size", ((ArrayNode) JSON.createArrayNode()).add(h).add(w));
        rle.put("counts", counts);
        return rle;
    }
}
