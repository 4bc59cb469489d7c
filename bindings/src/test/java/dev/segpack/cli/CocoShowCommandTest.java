package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.Image;
import dev.segpack.image.PngFile;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segpack coco show}: the picture has the image's size and the match colours where masks are. */
class CocoShowCommandTest {

    private static final String GT = Testdata.path("coco-mini/annotations/instances_val2017.json").toString();
    private static final String IMAGES = Testdata.path("coco-mini/val2017").toString();

    @TempDir
    Path tmp;

    @Test
    void groundTruthAlone() throws IOException {
        Path out = tmp.resolve("gt.png");
        CliRun run = CliRun.of("coco", "show", "--ann", GT, "--images", IMAGES, "--image-id", "217285", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(0, count(out, 0, 220, 0));
        assertTrue(count(out, 2, 166, 101) > 0, "crowd regions are tinted in showAnns' crowd colour");
    }

    @Test
    void resultsColouredByTheirMatch() throws IOException {
        Path out = tmp.resolve("dt.png");
        CliRun run = CliRun.of("coco", "show", "--ann", GT, "--images", IMAGES, "--image-id", "217285", "--dt",
                Testdata.path("eval/coco_mini_segm_results.json").toString(), "--iou-type", "segm", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(count(out, 0, 220, 0) > 100, "true positive outlines");
        assertTrue(count(out, 235, 30, 30) > 100, "false positive outlines");
    }

    @Test
    void anImageNotInTheFileIsNamed() {
        CliRun run = CliRun.of("coco", "show", "--ann", GT, "--images", IMAGES, "--image-id", "5", "--out",
                tmp.resolve("x.png").toString());
        assertEquals(1, run.code());
        assertEquals("segpack coco show: error: " + GT + ": image_id 5 is not in the images table", run.oneErrLine());
    }

    /** Pixels of exactly this colour in a 640x427 RGB picture. */
    private static int count(Path png, int r, int g, int b) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image image = PngFile.read(png, arena);
            assertEquals(427, image.h());
            assertEquals(640, image.w());
            int n = 0;
            for (long at = 0; at < image.byteSize(); at += 3) {
                if ((image.data().get(ValueLayout.JAVA_BYTE, at) & 0xff) == r
                        && (image.data().get(ValueLayout.JAVA_BYTE, at + 1) & 0xff) == g
                        && (image.data().get(ValueLayout.JAVA_BYTE, at + 2) & 0xff) == b) {
                    n++;
                }
            }
            return n;
        }
    }
}
