package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.io.Plural;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summary lines count in English: "1 image", "2 images", "1 category" (issue 9, finding 10). */
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
