package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.Image;
import dev.segpack.image.PngFile;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code segpack coco eval} on the files pycocotools was recorded on (testdata/eval/cli/expected.json):
 * the printed lines character for character, the --json stats and per-category AP/AR to 1e-12, on one
 * thread and on two.
 */
class CocoEvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() throws IOException {
        return toList(JSON.readTree(Testdata.path("eval/cli/expected.json").toFile())).stream()
                .map(row -> Arguments.of(row.get("case").asText(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAndWritesWhatPycocotoolsGives(String name, JsonNode row) throws IOException {
        for (String threads : new String[] {"1", "2"}) {
            Path report = tmp.resolve(name.replace('/', '_') + threads + ".json");
            List<String> args = new ArrayList<>(List.of("coco", "eval", "--gt", Testdata.path(row.get("gt").asText()).toString(),
                    "--dt", Testdata.path(row.get("dt").asText()).toString(), "--iou-type", row.get("iouType").asText(),
                    "--json", report.toString(), "--threads", threads));
            for (JsonNode option : row.get("options")) {
                String o = option.asText();
                args.add(o.startsWith("eval/") ? Testdata.path(o).toString() : o);
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.code(), name + ": " + run.err());
            List<String> expected = toList(row.get("lines")).stream().map(JsonNode::asText).toList();
            assertEquals(expected, run.out().lines().toList(), name + " lines");
            JsonNode written = JSON.readTree(report.toFile());
            double[] stats = Testdata.doubles(row.get("stats"));
            for (int i = 0; i < stats.length; i++) {
                assertEquals(stats[i], written.get("stats").get(i).asDouble(), 1e-12, name + " stat " + i);
            }
            JsonNode perCategory = row.get("per_category");
            assertEquals(perCategory.size(), written.get("per_category").size(), name + " categories");
            for (int k = 0; k < perCategory.size(); k++) {
                JsonNode e = perCategory.get(k), w = written.get("per_category").get(k);
                assertEquals(e.get("category_id").asLong(), w.get("category_id").asLong(), name);
                assertEquals(e.get("AP").asDouble(), w.get("AP").asDouble(), 1e-12, name + " AP of category " + k);
                assertEquals(e.get("AR").asDouble(), w.get("AR").asDouble(), 1e-12, name + " AR of category " + k);
            }
            boolean empty = row.get("dt").asText().endsWith("empty_results.json");
            assertEquals(empty, run.err().contains("holds no results"), name + ": " + run.err());
        }
    }

    @Test
    void perCategoryTableAndPlot() throws IOException {
        Path png = tmp.resolve("pr.png");
        CliRun run = CliRun.of("coco", "eval", "--gt", Testdata.path("eval/synth_instances.json").toString(), "--dt",
                Testdata.path("eval/cli/synth_bbox_results.json").toString(), "--iou-type", "bbox", "--per-category",
                "--plot", png.toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(12 + 1 + 6, lines.size(), run.out());
        assertTrue(lines.get(12).startsWith("category_id"), lines.get(12));
        assertTrue(lines.get(18).startsWith("9 ") && lines.get(18).endsWith("-1.000   -1.000"), lines.get(18));
        try (Arena arena = Arena.ofConfined()) {
            Image image = PngFile.read(png, arena);
            assertEquals(520, image.h());
            assertEquals(760, image.w());
        }
    }

    @Test
    void aResultOfAnUnknownCategoryIsRefusedNamingIt() {
        Path results = Testdata.path("eval/synth_bbox_results.json");
        CliRun run = CliRun.of("coco", "eval", "--gt", Testdata.path("eval/synth_instances.json").toString(), "--dt",
                results.toString(), "--iou-type", "bbox");
        assertEquals(1, run.code());
        assertEquals("segpack coco eval: error: " + results + ": result #18 category_id 42 is not in the ground truth's"
                + " categories", run.oneErrLine());
    }

    @Test
    void summarizeWithTwoMaxDetsIsAnError() {
        CliRun run = CliRun.of("coco", "eval", "--gt", Testdata.path("eval/synth_instances.json").toString(), "--dt",
                Testdata.path("eval/cli/synth_bbox_results.json").toString(), "--iou-type", "bbox", "--max-dets", "1,10");
        assertEquals(1, run.code());
        assertTrue(run.oneErrLine().contains("summarize needs 3 maxDets"), run.err());
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
