package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panoptic readers say what is wrong: a PNG of the wrong size, a category that does not exist. */
class PanopticMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Testdata.path("panoptic/panoptic_examples.json");
    private static final Path PNGS = Testdata.path("panoptic/panoptic_examples");

    @TempDir
    Path tmp;

    @Test
    void aPngOfTheWrongSizeSaysBothSizes() throws IOException {
        Path pngs = Files.createDirectory(tmp.resolve("pngs"));
        try (Arena arena = Arena.ofConfined()) {
            Image small = Image.allocate(arena, 3, 4, PixelFormat.RGB, SampleType.UINT8);
            for (String name : new String[] {"000000142238.png", "000000439180.png"}) {
                PngFile.write(pngs.resolve(name), small);
            }
        }
        String expected = pngs.resolve("000000142238.png") + " is 4x3 (width x height) but image_id 142238 in the"
                + " JSON's images is 640x427";
        CliRun detection = CliRun.of("panoptic", "to-detection", "--json", EXAMPLES.toString(), "--pngs", pngs.toString(),
                "--out", tmp.resolve("d.json").toString(), "--threads", "1");
        assertEquals(1, detection.code());
        assertEquals("segpack panoptic to-detection: error: " + expected, detection.oneErrLine());
        CliRun semantic = CliRun.of("panoptic", "to-semantic", "--json", EXAMPLES.toString(), "--pngs", pngs.toString(),
                "--out-dir", tmp.resolve("semantic").toString(), "--threads", "1");
        assertEquals(1, semantic.code());
        assertEquals("segpack panoptic to-semantic: error: " + expected, semantic.oneErrLine());
    }

    @Test
    void aCategoryNotInTheCategoriesIsRefusedNamingTheSegment() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(EXAMPLES.toFile());
        ObjectNode segment = (ObjectNode) root.get("annotations").get(0).get("segments_info").get(0);
        segment.put("category_id", 9999);
        Path json = tmp.resolve("unknown_category.json");
        JSON.writeValue(json.toFile(), root);
        String expected = json + ": segment id " + segment.get("id").asInt() + " of image_id 142238: category_id 9999"
                + " is not in " + json;
        Path out = tmp.resolve("d.json");
        CliRun detection = CliRun.of("panoptic", "to-detection", "--json", json.toString(), "--pngs", PNGS.toString(),
                "--out", out.toString());
        assertEquals(1, detection.code());
        assertEquals("segpack panoptic to-detection: error: " + expected, detection.oneErrLine());
        assertFalse(Files.exists(out));
        CliRun semantic = CliRun.of("panoptic", "to-semantic", "--json", json.toString(), "--pngs", PNGS.toString(),
                "--out-dir", tmp.resolve("semantic").toString());
        assertEquals(1, semantic.code());
        assertEquals("segpack panoptic to-semantic: error: " + expected, semantic.oneErrLine());
    }
}
