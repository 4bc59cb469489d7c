package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cityscapes to-panoptic}: the JSON byte for byte and every PNG pixel for pixel as convert2panoptic's. */
class CityscapesToPanopticCommandTest {

    private static final Path REFERENCE = GoldenFolder.REFERENCE.resolve("panoptic");

    @TempDir
    Path tmp;

    @Test
    void fromTheDatasetsInstanceIdsPngs() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json", "_instanceIds.png");
        assertEqualsReference(root, "6 frames (6 instanceIds PNGs read, 0 rendered from polygons)");
    }

    @Test
    void renderedFromThePolygonsWhenThereAreNoPngs() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        assertEqualsReference(root, "6 frames (0 instanceIds PNGs read, 6 rendered from polygons)");
    }

    private void assertEqualsReference(Path root, String frames) throws IOException {
        Path out = tmp.resolve("panoptic");
        CliRun run = CliRun.of("cityscapes", "to-panoptic", "--gt", root.toString(), "--out", out.toString(),
                "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals("cityscapes to-panoptic: " + frames + ", 154 segments, 1 split, ",
                run.out().substring(0, run.out().indexOf("split, ") + "split, ".length()));
        assertArrayEquals(Files.readAllBytes(REFERENCE.resolve("cityscapes_panoptic_val.json")),
                Files.readAllBytes(out.resolve("cityscapes_panoptic_val.json")));
        for (String frame : GoldenFolder.FRAMES) {
            String png = "cityscapes_panoptic_val/" + frame + "_gtFine_panoptic.png";
            GoldenFolder.assertSamePixels(REFERENCE.resolve(png), out.resolve(png));
        }
    }
}
