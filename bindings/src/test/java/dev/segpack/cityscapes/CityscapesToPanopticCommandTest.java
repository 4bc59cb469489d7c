package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
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

    @Test
    void skipInvalidReportsBadFramesAndConvertsTheOthersAsTheReference() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json", "_instanceIds.png");
        Path bad = GoldenFolder.badFrame(root); // no instanceIds PNG: rendered from its polygons
        Path city = root.resolve(GoldenFolder.CITY);
        String first = GoldenFolder.FRAMES.get(0) + "_gtFine_";
        Files.copy(city.resolve(first + "polygons.json"), city.resolve("bochum_000000_000002_gtFine_polygons.json"));
        Path truncated = city.resolve("bochum_000000_000002_gtFine_instanceIds.png");
        byte[] png = Files.readAllBytes(city.resolve(first + "instanceIds.png"));
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        CliRun run = assertEqualsReference(root, "6 frames (6 instanceIds PNGs read, 0 rendered from polygons), 2 skipped",
                "--skip-invalid");
        List<String> warnings = GoldenFolder.warnings(run);
        assertEquals(2, warnings.size(), run.err());
        assertEquals("segpack cityscapes to-panoptic: skipped " + bad + ": " + GoldenFolder.BAD_FRAME_ERROR,
                warnings.get(0));
        assertTrue(warnings.get(1).startsWith("segpack cityscapes to-panoptic: skipped cannot decode " + truncated
                + ": "), warnings.get(1));
        try (Stream<Path> pngs = Files.list(tmp.resolve("panoptic/cityscapes_panoptic_val"))) {
            assertEquals(GoldenFolder.FRAMES.size(), pngs.count(), "no PNG for a frame skipped");
        }
    }

    /** Runs to-panoptic over {@code root} with {@code options}, checks it equals the reference; returns the run. */
    private CliRun assertEqualsReference(Path root, String frames, String... options) throws IOException {
        Path out = tmp.resolve("panoptic");
        List<String> args = new ArrayList<>(List.of("cityscapes", "to-panoptic", "--gt", root.toString(), "--out",
                out.toString(), "--threads", "2"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        assertEquals("cityscapes to-panoptic: " + frames + ", 154 segments, 1 split, ",
                run.out().substring(0, run.out().indexOf("split, ") + "split, ".length()));
        assertArrayEquals(Files.readAllBytes(REFERENCE.resolve("cityscapes_panoptic_val.json")),
                Files.readAllBytes(out.resolve("cityscapes_panoptic_val.json")));
        for (String frame : GoldenFolder.FRAMES) {
            String png = "cityscapes_panoptic_val/" + frame + "_gtFine_panoptic.png";
            GoldenFolder.assertSamePixels(REFERENCE.resolve(png), out.resolve(png));
        }
        return run;
    }
}
