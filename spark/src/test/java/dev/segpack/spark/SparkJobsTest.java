package dev.segpack.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.cli.Main;
import dev.segpack.coco.CocoRleConverter;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.maskimg.MaskImportOptions;
import dev.segpack.maskimg.MaskLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each Spark job's output equals the single-machine command's on the bundled samples, for 1 and several partitions. */
class SparkJobsTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    /** Runs the segpack CLI, which must succeed. */
    private static void segpack(String... args) {
        assertEquals(0, Main.run(args), () -> "segpack " + String.join(" ", args));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void cocoRleEqualsTheCommandForAnyPartitioning(int partitions) throws IOException {
        for (String file : List.of("instances_val2017.json", "person_keypoints_val2017.json")) {
            Path in = Testdata.path("coco-mini/annotations/" + file);
            for (boolean recompute : new boolean[] {false, true}) {
                Path expected = dir.resolve("expected-" + recompute + "-" + file);
                Path actual = dir.resolve("spark-" + recompute + "-" + file);
                if (recompute) {
                    segpack("coco", "rle", "--ann", in.toString(), "--out", expected.toString(), "--recompute");
                } else {
                    segpack("coco", "rle", "--ann", in.toString(), "--out", expected.toString());
                }
                CocoRleJob.convert(spark, in, actual, new CocoRleConverter.Options(recompute, false, 1), partitions);
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual),
                        file + ", recompute " + recompute + ", " + partitions + " partitions");
            }
        }
    }

    @Test
    void cocoRleFailsAsTheCommandDoesOnAnInvalidAnnotation() throws IOException {
        Path in = dir.resolve("bad.json");
        Files.writeString(in, """
                {"images":[{"id":1,"height":4,"width":4}],"annotations":[
                {"id":7,"image_id":1,"category_id":1,"bbox":[0,0,1,1],"segmentation":[[0,0,2,0,2,2]]},
                {"id":8,"image_id":2,"category_id":1,"bbox":[0,0,1,1],"segmentation":[[0,0,2,0,2,2]]}],
                "categories":[{"id":1,"name":"a"}]}""");
        Exception e = assertThrows(Exception.class, () -> CocoRleJob.convert(spark,
                in, dir.resolve("out.json"), new CocoRleConverter.Options(false, false, 1), 2));
        assertEquals(in + ": annotation id 8 (#1): image_id 2 is not in the images table", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out.json")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void masksToParquetHoldsTheAnnotationsOfMasksToCoco(int partitions) throws IOException {
        Path masks = Testdata.path("maskimg/map");
        Path categories = Testdata.path("maskimg/map_categories.json");
        Path expected = dir.resolve("expected.json");
        segpack("masks", "to-coco", "--masks", masks.toString(), "--categories", categories.toString(),
                "--format", "rle", "--out", expected.toString());
        Path table = dir.resolve("table");
        MasksToParquetJob.write(spark, source(masks, null, categories), table, partitions);
        Path actual = dir.resolve("actual.json");
        ParquetToCocoJob.write(spark, table, actual);
        // every image and category of this sample has an annotation, so the round trip gives the file itself
        assertEquals(Files.readString(expected), Files.readString(actual));
    }

    @Test
    void masksToParquetRowsAreTheAnnotationsWhenAnImageHasNone() throws IOException {
        Path masks = Testdata.path("maskimg/flat");
        Path images = Testdata.path("maskimg/images");
        Path expected = dir.resolve("expected.json");
        segpack("masks", "to-coco", "--masks", masks.toString(), "--images", images.toString(), "--format", "rle",
                "--out", expected.toString());
        Path table = dir.resolve("table");
        MasksToParquetJob.write(spark, source(masks, images, null), table, 2);
        Path actual = dir.resolve("actual.json");
        ParquetToCocoJob.write(spark, table, actual);
        // the table cannot hold the image without masks (d.jpg): the annotations are the same lines
        List<String> expectedLines = Files.readAllLines(expected);
        List<String> actualLines = Files.readAllLines(actual);
        assertEquals(annotationLines(expectedLines), annotationLines(actualLines));
        List<Row> rows = spark.read().parquet(table.toString()).orderBy("id").collectAsList();
        assertEquals(annotationLines(expectedLines).size(), rows.size());
        assertEquals("a_1.jpg", rows.get(0).getAs("file_name"));
        assertEquals("car", rows.get(0).getAs("category"));
    }

    /** masks to-coco's input options with these folders and its defaults otherwise. */
    private static MasksToParquetJob.Source source(Path masks, Path images, Path categories) throws IOException {
        return MasksToParquetJob.Source.of(new MaskImportOptions(masks, images, categories, MaskLayout.Kind.AUTO,
                MaskImportOptions.DEFAULT_THRESHOLD, false, 0, ".jpg"));
    }

    private static List<String> annotationLines(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("{\"id\":") && l.contains("\"segmentation\"")).toList();
    }

    @Test
    void theCommandLineRunsAJobAndReportsAFailureInOneLine() throws IOException {
        Path in = Testdata.path("coco-mini/annotations/instances_val2017.json");
        Path out = dir.resolve("out.json");
        assertEquals(0, SparkMain.run("coco-rle", "--ann", in.toString(), "--out", out.toString(),
                "--master", "local[2]", "--partitions", "2"));
        assertTrue(Files.size(out) > 0);
        assertEquals(1, SparkMain.run("coco-rle", "--ann", dir.resolve("missing.json").toString(), "--out",
                out.toString(), "--master", "local[2]"));
    }

    static Stream<Arguments> evalCases() {
        return Stream.of(
                Arguments.of("coco-mini/annotations/instances_val2017.json", "eval/coco_mini_bbox_results.json", "bbox",
                        List.of()),
                Arguments.of("coco-mini/annotations/instances_val2017.json", "eval/coco_mini_segm_results.json", "segm",
                        List.of()),
                Arguments.of("coco-mini/annotations/person_keypoints_val2017.json",
                        "eval/coco_mini_keypoints_results.json", "keypoints", List.of()),
                Arguments.of("eval/synth_instances.json", "eval/cli/synth_bbox_results.json", "bbox",
                        List.of("--no-cats", "--per-category")),
                Arguments.of("eval/synth_instances.json", "eval/cli/synth_segm_results.json", "segm",
                        List.of("--max-dets", "1,10,30", "--img-ids", "eval/cli/img_ids.txt", "--per-category")),
                Arguments.of("eval/synth_person_keypoints.json", "eval/synth_keypoints_results.json", "keypoints",
                        List.of("--max-dets", "5,20")),
                Arguments.of("eval/synth_instances.json", "eval/cli/empty_results.json", "segm", List.of()));
    }

    @ParameterizedTest(name = "{1} {2} {3}")
    @MethodSource("evalCases")
    void cocoEvalPrintsAndWritesWhatTheCommandDoes(String gt, String dt, String type, List<String> options)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--gt", Testdata.path(gt).toString(), "--dt",
                Testdata.path(dt).toString(), "--iou-type", type));
        options.forEach(o -> args.add(o.startsWith("eval/") ? Testdata.path(o).toString() : o));
        Path expectedJson = dir.resolve("expected.json");
        String expected = stdout(() -> Main.run(concat(List.of("coco", "eval"), args, "--json", expectedJson)));
        for (int partitions : new int[] {1, 5}) {
            Path json = dir.resolve("spark-" + partitions + ".json");
            String actual = stdout(() -> SparkMain.run(concat(List.of("coco-eval", "--partitions",
                    String.valueOf(partitions)), args, "--json", json)));
            assertEquals(expected, actual, partitions + " partitions");
            assertArrayEquals(Files.readAllBytes(expectedJson), Files.readAllBytes(json), partitions + " partitions");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void cityscapesRenderWritesTheImagesOfTheCommand(int partitions) throws IOException {
        List<String> args = new ArrayList<>(List.of("--gt", Testdata.path("cityscapes/gtFine").toString()));
        if (partitions > 0) {
            args.addAll(List.of("--labels", Testdata.path("cityscapes/reference/labels_merged.csv").toString(),
                    "--types", "labelTrainIds,instanceTrainIds,color"));
        }
        Path expected = dir.resolve("cli"), actual = dir.resolve("spark");
        segpack(concat(List.of("cityscapes", "render"), args, "--out", expected));
        assertEquals(0, SparkMain.run(concat(List.of("cityscapes-render", "--partitions", String.valueOf(partitions)),
                args, "--out", actual)));
        Map<Path, byte[]> written = files(actual);
        assertEquals(files(expected).keySet(), written.keySet());
        assertEquals(6 * (partitions > 0 ? 3 : 5), written.size());
        files(expected).forEach((file, bytes) -> assertArrayEquals(bytes, written.get(file), file.toString()));
    }

    @Test
    void aBadInputFailsNamingTheFileAndTheItemAsTheCommandDoes() throws IOException {
        Path frames = dir.resolve("gt/val/x");
        Files.createDirectories(frames);
        Files.writeString(frames.resolve("x_000000_000001_gtFine_polygons.json"), """
                {"imgHeight": 8, "imgWidth": 8, "objects": [
                {"label": "road", "polygon": [[0, 0], [4, 0], [4, 4]]}, {"label": "no such label", "polygon": [[0, 0], [4, 0], [4, 4]]}]}""");
        String render = error("cityscapes-render", List.of("--gt", dir.resolve("gt").toString(), "--out",
                dir.resolve("out").toString()));
        assertEquals(error("cityscapes render", List.of("--gt", dir.resolve("gt").toString(), "--out",
                dir.resolve("cli").toString())), render);
        assertTrue(render.contains("x_000000_000001_gtFine_polygons.json: object 1"), render);
        String eval = error("coco-eval", List.of("--gt", Testdata.path("eval/synth_instances.json").toString(), "--dt",
                Testdata.path("eval/synth_bbox_results.json").toString(), "--iou-type", "bbox"));
        assertEquals(error("coco eval", List.of("--gt", Testdata.path("eval/synth_instances.json").toString(), "--dt",
                Testdata.path("eval/synth_bbox_results.json").toString(), "--iou-type", "bbox")), eval);
        assertTrue(eval.endsWith("result #18 category_id 42 is not in the ground truth's categories"), eval);
        Path masks = dir.resolve("masks");
        Files.createDirectories(masks);
        try (Stream<Path> files = Files.list(Testdata.path("maskimg/flat"))) {
            for (Path f : files.toList()) {
                Files.copy(f, masks.resolve(f.getFileName()));
            }
        }
        Files.write(masks.resolve("b_car_0.png"), Arrays.copyOf(Files.readAllBytes(masks.resolve("b_car_0.png")), 100));
        String table = error("masks-to-parquet", List.of("--masks", masks.toString(), "--out",
                dir.resolve("table").toString()));
        assertEquals(error("masks to-coco", List.of("--masks", masks.toString(), "--out",
                dir.resolve("masks.json").toString())), table);
        assertTrue(table.startsWith("cannot decode " + masks.resolve("b_car_0.png") + ": "), table);
    }

    /** The one line a failed run of {@code segpack COMMAND} (with a space) or Spark job prints after "error: ". */
    private static synchronized String error(String command, List<String> args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            code = command.contains(" ") ? Main.run(concat(List.of(command.split(" ")), args))
                    : SparkMain.run(concat(List.of(command), args));
        } finally {
            System.setErr(err);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        List<String> lines = printed.lines().filter(l -> l.contains(": error: ")).toList();
        assertEquals(1, lines.size(), printed);
        return lines.get(0).substring(lines.get(0).indexOf(": error: ") + ": error: ".length());
    }

    /** What a successful run printed on stdout. */
    private static synchronized String stdout(IntSupplier run) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(0, run.getAsInt());
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@code head}, then {@code rest}, then the {@code last} values as strings: a command line. */
    private static String[] concat(List<String> head, List<String> rest, Object... last) {
        List<String> all = new ArrayList<>(head);
        all.addAll(rest);
        for (Object o : last) {
            all.add(o.toString());
        }
        return all.toArray(String[]::new);
    }

    /** Every file under {@code root}, by its path relative to it, with its bytes. */
    private static Map<Path, byte[]> files(Path root) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
