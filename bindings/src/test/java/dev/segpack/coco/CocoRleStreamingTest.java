package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code coco rle} converts annotations while the file is still being indexed (BackgroundIndex): on
 * files of more than one run, whatever their top-level shape, it writes what json.load holds, with 1
 * or 2 threads, and reports a failure of the load before one of an earlier annotation.
 */
class CocoRleStreamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Annotations in each file: three runs of CocoRleConverter.BATCH, the last one short. */
    private static final int ANNOTATIONS = 2 * CocoRleConverter.BATCH + 300;

    @TempDir
    Path tmp;

    /**
     * Each shape is converted as the file that json.load's dict is (each top-level name once, where
     * it first appears, with its last value): the same JSON, the same summary, the same warnings (of
     * annotations skipped where there is no images table); and the same bytes with 1 and 2 threads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"usual", "images after annotations", "annotations twice", "info again after annotations",
            "images again after annotations", "no images"})
    void everyShapeIsWrittenAsJsonLoadHoldsIt(String shape) throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, file(shape, -1));
        Path held = tmp.resolve("held.json");
        Files.writeString(held, JSON.writeValueAsString(JSON.readTree(in.toFile())));

        CliRun expected = cocoRle(held, tmp.resolve("expected.json"), "1", "--skip-invalid");
        assertEquals(0, expected.code(), expected.err());
        JsonNode expectedTree = JSON.readTree(tmp.resolve("expected.json").toFile());
        byte[] one = null;
        for (String threads : List.of("1", "2")) {
            Path out = tmp.resolve("out-" + threads + ".json");
            CliRun run = cocoRle(in, out, threads, "--skip-invalid");
            assertEquals(0, run.code(), run.err());
            assertEquals(summary(expected.out()), summary(run.out()), shape);
            assertEquals(expected.err().replace(held.toString(), in.toString()), run.err(), shape);
            JsonNode tree = JSON.readTree(out.toFile());
            assertEquals(expectedTree, tree, shape);
            assertEquals(fieldNames(expectedTree), fieldNames(tree), shape);
            byte[] bytes = Files.readAllBytes(out);
            if (one != null) {
                assertEquals(new String(one), new String(bytes), shape + ": 1 and 2 threads");
            }
            one = bytes;
        }
    }

    /** Where the file ends early, json.load fails before any annotation is looked at: so does coco rle. */
    @Test
    void aLoadFailureComesBeforeAFailureOfAnEarlierAnnotation() throws IOException {
        Path in = tmp.resolve("in.json");
        String whole = file("usual", 3);
        Files.writeString(in, whole.substring(0, whole.length() - 40));
        for (String threads : List.of("1", "2")) {
            Path out = tmp.resolve("out.json");
            CliRun run = cocoRle(in, out, threads);
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains(in.toString()) && !run.err().contains("(#3)"), run.err());
            assertFalse(Files.exists(out));
        }
        Files.writeString(in, whole);
        CliRun run = cocoRle(in, tmp.resolve("out.json"), "2");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(in + ": annotation id 4 (#3): segmentation is a number"), run.err());
    }

    /** A file written again from its index (a name repeated after the annotations) says each skipped annotation once. */
    @Test
    void skippedAnnotationsAreSaidOnceWhenTheFileIsWrittenAgain() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, file("info again after annotations", 3));
        CliRun run = cocoRle(in, tmp.resolve("out.json"), "2", "--skip-invalid");
        assertEquals(0, run.code(), run.err());
        assertEquals(1, run.err().split("skipped", -1).length - 1, run.err());
        assertTrue(run.out().contains((ANNOTATIONS - 1) + " annotations") && run.out().contains("1 invalid"), run.out());
    }

    /** A COCO file of the given shape; annotation #{@code broken} (if any) has a number for a segmentation. */
    private static String file(String shape, int broken) {
        String images = images(20);
        String annotations = annotations(broken, 0);
        String info = "\"info\": {\"year\": 2017}";
        String categories = "\"categories\": [{\"id\": 1, \"name\": \"a\"}]";
        List<String> members = switch (shape) {
            case "usual" -> List.of(info, images, annotations, categories);
            case "images after annotations" -> List.of(info, annotations, categories, images);
            case "annotations twice" -> List.of(images, annotations(broken, 7), info, annotations, categories);
            case "info again after annotations" -> List.of(info, images, annotations, "\"info\": [1, 2.50]", categories);
            case "images again after annotations" -> List.of(images, annotations, categories, images(31));
            case "no images" -> List.of(info, annotations);
            default -> throw new IllegalArgumentException(shape);
        };
        return "{" + String.join(",\n", members) + "}";
    }

    /** Images 1..3 of heights 40, 50, 60 and widths {@code width}, 2·width, 3·width. */
    private static String images(int width) {
        List<String> images = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            images.add("{\"id\": " + i + ", \"height\": " + (30 + 10 * i) + ", \"width\": " + (width * i) + "}");
        }
        return "\"images\": [" + String.join(", ", images) + "]";
    }

    /** Triangles of sizes that vary with their position (and {@code shift}), on images 1..3. */
    private static String annotations(int broken, int shift) {
        List<String> anns = new ArrayList<>();
        for (int a = 0; a < ANNOTATIONS; a++) {
            int s = 2 + (a + shift) % 17;
            String segmentation = a == broken ? "5" : "[[1, 1, " + (s + .5) + ", 1, 1, " + (s * 1.5) + "]]";
            anns.add("{\"id\": " + (a + 1) + ", \"image_id\": " + (1 + a % 3) + ", \"segmentation\": " + segmentation
                    + ", \"iscrowd\": 0}");
        }
        return "\"annotations\": [" + String.join(",\n", anns) + "]";
    }

    /** The summary line without its time. */
    private static String summary(String out) {
        return out.replaceAll("[0-9.]+ s ->.*", "");
    }

    private static List<String> fieldNames(JsonNode tree) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code segpack coco rle --ann in --out out --recompute --threads threads options...}, captured. */
    private static CliRun cocoRle(Path in, Path out, String threads, String... options) {
        List<String> args = new ArrayList<>(List.of("coco", "rle", "--ann", in.toString(), "--out", out.toString(),
                "--recompute", "--threads", threads));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }
}
