package dev.segpack.panoptic;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panoptic commands' exit codes, summary lines and error messages. */
class PanopticCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void toDetectionPrintsOneSummaryLine() {
        Path out = tmp.resolve("det.json");
        CliRun r = CliRun.of("panoptic", "to-detection", "--json", PanopticSegmentsTest.JSON.toString(), "--pngs",
                PanopticSegmentsTest.PNGS.toString(), "--categories", PanopticConvertersTest.CATEGORIES.toString(),
                "--out", out.toString(), "--things-only");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("panoptic to-detection: 2 images, ") && r.out().strip().lines().count() == 1,
                r.out());
        assertTrue(Files.exists(out));
    }

    /** A segment listed but absent from its PNG: exit 1, one line naming the PNG and the segment; no output left. */
    @Test
    void mismatchFailsNamingPngAndSegment() throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(PanopticSegmentsTest.JSON.toFile());
        ObjectNode extra = MAPPER.createObjectNode().put("id", 777).put("category_id", 1).put("iscrowd", 0).put("area", 5);
        ((ArrayNode) root.get("annotations").get(1).get("segments_info")).add(extra);
        Path json = tmp.resolve("broken.json");
        MAPPER.writeValue(json.toFile(), root);
        Path out = tmp.resolve("det.json");
        CliRun r = CliRun.of("panoptic", "to-detection", "--json", json.toString(), "--pngs",
                PanopticSegmentsTest.PNGS.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("000000439180.png") && r.err().contains("segment id 777"), r.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the input is left, no temp files");
        }
        CliRun lenient = CliRun.of("panoptic", "to-detection", "--json", json.toString(), "--pngs",
                PanopticSegmentsTest.PNGS.toString(), "--out", out.toString(), "--allow-mismatch");
        assertEquals(0, lenient.code(), lenient.err());
        assertEquals(51, MAPPER.readTree(out.toFile()).get("annotations").size());
    }

    @Test
    void helpDocumentsEveryCommand() {
        for (String command : new String[] {"to-detection", "to-semantic", "from-detection"}) {
            CliRun r = CliRun.of("panoptic", command, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("panopticapi"), r.out());
        }
    }
}
