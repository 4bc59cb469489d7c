package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary lines count in English: "1 image", "2 images", "1 category" (issue 9, finding 10), and give
 * durations as "1.38 s" in any locale.
 */
class SummaryPluralsTest {

    @TempDir
    Path tmp;

    @Test
    void pluralIsOnlyForCountsOtherThanOne() {
        assertEquals("1 image", Plural.of(1, "image"));
        assertEquals("0 images", Plural.of(0, "image"));
        assertEquals("2 mask files", Plural.of(2, "mask file"));
        assertEquals("1 category", Plural.of(1, "category"));
        assertEquals("3 categories", Plural.of(3, "category"));
        assertEquals("2 keys", Plural.of(2, "key"));
    }

    @Test
    void secondsAreWhatPercentPointTwoFWritesInTheRootLocale() {
        for (int n = 0; n <= 200_000; n++) {
            for (double seconds : new double[] {n / 1000.0, n / 1e4, n * 0.0173, n * 97.1}) {
                assertEquals(String.format(Locale.ROOT, "%.2f s", seconds), Seconds.of(seconds));
            }
        }
        for (double edge : new double[] {0, 0.0009999, 0.001, 9.995, 9_999_999.995, 1e7, 3.5e9}) {
            assertEquals(String.format(Locale.ROOT, "%.2f s", edge), Seconds.of(edge));
        }
        assertEquals("0.07 s", Seconds.of(0.0712));
        assertEquals("12.00 s", Seconds.of(11.999));
    }

    @Test
    void oneMaskFileIsCountedInTheSingular() throws IOException {
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Files.copy(Testdata.path("maskimg/flat/b_person_3.png"), masks.resolve("b_person_3.png"));
        Path out = tmp.resolve("out.json");
        CliRun r = CliRun.of("masks", "to-coco", "--masks", masks.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("masks to-coco: 1 image, 1 mask file (0 empty), 1 object (1 polygon, 0 RLE:"),
                r.out());

        CliRun info = CliRun.of("coco", "info", "--ann", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith("coco info: 1 image, 1 annotation (0 crowd), 1 category, loaded in "),
                info.out());
    }
}
