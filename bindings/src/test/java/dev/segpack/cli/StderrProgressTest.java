package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress on stderr, driven by a clock the test sets: quiet for short runs, then rate and ETA (finding 10). */
class StderrProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StderrProgress progress(boolean terminal) {
        return new StderrProgress("coco pack-h5", terminal, () -> now, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A run of {@code images} images, each taking {@code step} ns, away from a terminal; returns what it printed. */
    private String imagesOffATerminal(int images, long step) {
        StderrProgress p = progress(false);
        for (int done = 1; done <= images; done++) {
            now += step;
            p.update(done, images, "images");
        }
        p.finish();
        return printed();
    }

    @Test
    void aShortRunPrintsNothing() {
        assertEquals("", imagesOffATerminal(79, SECOND / 50));
    }

    @Test
    void elsewhereThanATerminalAPlainLineEveryTenSeconds() {
        assertEquals(List.of(
                "coco pack-h5: 6% (20 of 300 images), 10.0 images/s, ETA 28 s",
                "coco pack-h5: 40% (120 of 300 images), 10.0 images/s, ETA 18 s",
                "coco pack-h5: 73% (220 of 300 images), 10.0 images/s, ETA 8 s"),
                imagesOffATerminal(300, SECOND / 10).lines().toList());
    }

    @Test
    void onATerminalOneLineRewrittenAtMostFourTimesASecondAndClearedAtTheEnd() {
        StderrProgress p = progress(true);
        now = 2 * SECOND;
        p.update(20, 0, "bytes");
        now += SECOND / 10;
        p.update(2_000_000, 100_000_000, "bytes"); // too soon after the last line
        now += SECOND / 5;
        p.update(25_000_000, 100_000_000, "bytes");
        p.warn("skipped annotation id 7");
        p.finish();
        String first = "coco pack-h5: 0.0 MB, 0.0 MB/s";
        String second = "coco pack-h5: 25% (25.0 of 100.0 MB), 10.9 MB/s, ETA 7 s";
        assertEquals("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r"
                + "segpack coco pack-h5: skipped annotation id 7" + System.lineSeparator(), printed());
    }

    @Test
    void longEtasInMinutesAndHours() {
        StderrProgress p = progress(false);
        assertEquals("coco pack-h5: 1% (1 of 100 images), 0.5 images/s, ETA 3 min 18 s", p.line(1, 100, "images", 2));
        assertEquals("coco pack-h5: 0% (1 of 10000 images), 0.5 images/s, ETA 5 h 33 min", p.line(1, 10_000, "images", 2));
    }
}
