package dev.segpack.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.cli.Main;
import dev.segpack.coco.CocoRleConverter;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
        MasksToParquetJob.write(spark, new MasksToParquetJob.Source(masks, null, categories), table, partitions);
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
        MasksToParquetJob.write(spark, new MasksToParquetJob.Source(masks, images, null), table, 2);
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
}
