package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cityscapes render}: every PNG of every golden frame equals cityscapesScripts' pixel for pixel. */
class CityscapesRenderCommandTest {

    @TempDir
    Path tmp;

    @Test
    void allFiveImagesOfEveryFrameEqualTheReferenceUnderOut() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("cityscapes", "render", "--gt", root.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals("cityscapes render: 6 frames, 245 objects, 30 images written, ", run.out().substring(0,
                run.out().indexOf("images written, ") + "images written, ".length()));
        for (String frame : GoldenFolder.FRAMES) {
            for (String type : GoldenFolder.TYPES) {
                String name = frame + "_gtFine_" + type + ".png";
                GoldenFolder.assertSamePixels(GoldenFolder.GT.resolve(GoldenFolder.CITY).resolve(name),
                        out.resolve(GoldenFolder.CITY).resolve(name));
            }
        }
        try (Stream<Path> left = Files.list(root.resolve(GoldenFolder.CITY))) {
            assertEquals(6, left.count(), "nothing is written next to the JSON when --out is given");
        }
    }

    @Test
    void withoutOutTheChosenTypesGoNextToTheJson() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        CliRun run = CliRun.of("cityscapes", "render", "--gt", root.toString(), "--types", "labelTrainIds,instanceIds",
                "--threads", "1");
        assertEquals(0, run.code(), run.err());
        Path city = root.resolve(GoldenFolder.CITY);
        for (String frame : GoldenFolder.FRAMES) {
            for (String type : GoldenFolder.TYPES) {
                Path png = city.resolve(frame + "_gtFine_" + type + ".png");
                boolean chosen = type.equals("labelTrainIds") || type.equals("instanceIds");
                assertEquals(chosen, Files.exists(png), png.toString());
                if (chosen) {
                    GoldenFolder.assertSamePixels(GoldenFolder.GT.resolve(GoldenFolder.CITY).resolve(png.getFileName()), png);
                }
            }
        }
    }

    @Test
    void aMergedLabelTableGivesTheReferenceMergedTrainIdImages() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        Path out = tmp.resolve("merged");
        CliRun run = CliRun.of("cityscapes", "render", "--gt", root.toString(), "--out", out.toString(),
                "--types", "labelTrainIds,instanceTrainIds", "--labels",
                GoldenFolder.REFERENCE.resolve("labels_merged.csv").toString());
        assertEquals(0, run.code(), run.err());
        for (String frame : GoldenFolder.FRAMES) {
            for (String type : new String[] {"labelTrainIds", "instanceTrainIds"}) {
                String name = frame + "_gtFine_" + type + ".png";
                GoldenFolder.assertSamePixels(GoldenFolder.REFERENCE.resolve("merged").resolve(name),
                        out.resolve(GoldenFolder.CITY).resolve(name));
            }
        }
    }

    @Test
    void anUnknownTypeIsAUsageError() throws IOException {
        Path root = GoldenFolder.copy(tmp, "_polygons.json");
        CliRun run = CliRun.of("cityscapes", "render", "--gt", root.toString(), "--types", "labelIds,depth");
        assertEquals(2, run.code());
        assertTrue(run.errLines().get(0).contains("unknown Cityscapes image type 'depth'"), run.err());
        assertFalse(Files.exists(root.resolve(GoldenFolder.CITY).resolve(GoldenFolder.FRAMES.get(0)
                + "_gtFine_labelIds.png")));
    }
}
