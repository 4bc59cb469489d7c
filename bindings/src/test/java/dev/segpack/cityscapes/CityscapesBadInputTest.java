package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames cityscapesScripts cannot draw, through the command line: one line naming the file and the object, no
 * output left behind; with {@code --skip-invalid} a warning per bad frame and the others written.
 */
class CityscapesBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRAME = "bochum_000001_000021";
    private static final String ERROR = "segpack cityscapes render: error: ";

    @TempDir
    Path tmp;

    @Test
    void malformedJson() throws IOException {
        Path json = frame("bad", null);
        Files.writeString(json, "{\"imgHeight\": 61, \"imgWidth\": 97, \"objects\": [{\"label\": \"car\",]}");
        assertEquals(ERROR + json + ": not valid JSON at line 1, column 63: Unexpected character (']' (code 93)):"
                + " was expecting double-quote to start field name", fails(json));
    }

    @Test
    void missingImgWidth() throws IOException {
        Path json = frame("bad", root -> root.remove("imgWidth"));
        assertEquals(ERROR + json + ": no imgWidth", fails(json));
    }

    @Test
    void onePointPolygon() throws IOException {
        Path json = frame("bad", root -> ((ArrayNode) root.get("objects").get(3).get("polygon")).removeIf(p -> p !=
                root.get("objects").get(3).get("polygon").get(0)));
        assertEquals(ERROR + json + ": object 3 ('tunnel'): a polygon needs at least 2 points, got 1 (Pillow raises"
                + " TypeError)", fails(json));
    }

    @Test
    void nonNumericCoordinate() throws IOException {
        Path json = frame("bad", root -> ((ArrayNode) root.get("objects").get(5).get("polygon").get(2)).set(1, "12"));
        assertEquals(ERROR + json + ": object 5: polygon point 2 has coordinate '12', not a number", fails(json));
    }

    @Test
    void unknownLabel() throws IOException {
        Path json = frame("bad", root -> ((ObjectNode) root.get("objects").get(7)).put("label", "sidewalks"));
        assertEquals(ERROR + json + ": object 7 ('sidewalks'): label 'sidewalks' not known", fails(json));
    }

    @Test
    void skipInvalidReportsEachBadFrameAndWritesTheOthers() throws IOException {
        Path bad = frame("a", root -> ((ObjectNode) root.get("objects").get(7)).put("label", "sidewalks"));
        Path good = frame("b", null);
        Path worse = frame("c", root -> root.remove("imgHeight"));
        CliRun run = CliRun.of("cityscapes", "render", "--gt", tmp.resolve("gtFine").toString(), "--skip-invalid",
                "--types", "labelIds", "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("segpack cityscapes render: skipped " + bad + ": object 7 ('sidewalks'): label 'sidewalks'"
                        + " not known", "segpack cityscapes render: skipped " + worse + ": no imgHeight"), run.errLines());
        assertTrue(run.out().startsWith("cityscapes render: 1 frame, 40 objects, 1 image written, 2 skipped, "), run.out());
        assertTrue(Files.exists(good.resolveSibling("b_" + FRAME + "_gtFine_labelIds.png")));
        assertFalse(Files.exists(bad.resolveSibling("a_" + FRAME + "_gtFine_labelIds.png")));
    }

    /** A copy of the golden frame as {@code gtFine/val/bochum/<prefix>_<frame>_gtFine_polygons.json}, edited. */
    private Path frame(String prefix, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(GoldenFolder.GT.resolve(GoldenFolder.CITY)
                .resolve(FRAME + "_gtFine_polygons.json").toFile());
        if (edit != null) {
            edit.accept(root);
        }
        Path json = Files.createDirectories(tmp.resolve("gtFine").resolve(GoldenFolder.CITY))
                .resolve(prefix + "_" + FRAME + "_gtFine_polygons.json");
        JSON.writeValue(json.toFile(), root);
        return json;
    }

    /** The one error line of a run over the folder, having checked it failed and wrote no PNG. */
    private String fails(Path json) throws IOException {
        CliRun run = CliRun.of("cityscapes", "render", "--gt", tmp.resolve("gtFine").toString(), "--threads", "1");
        assertEquals(1, run.code(), run.err());
        try (Stream<Path> files = Files.list(json.getParent())) {
            assertEquals(List.of(json), files.toList(), "nothing else is left in the folder");
        }
        return run.oneErrLine();
    }
}
