package dev.segpack.dataset;

import static dev.segpack.dataset.ExportFixtures.categories;
import static dev.segpack.dataset.ExportFixtures.info;
import static dev.segpack.dataset.ExportFixtures.item;
import static dev.segpack.dataset.ExportFixtures.options;
import static dev.segpack.dataset.ExportFixtures.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.panoptic.PanopticPng;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Panoptic segment ids must fit in a PNG colour: the largest one is written as is, larger ones are renumbered. */
class PanopticExportTest {

    @TempDir
    Path out;

    @Test
    void theLargestColourIdIsWrittenExactly() throws IOException {
        export(PanopticPng.MAX_ID);
        try (Arena arena = Arena.ofConfined()) {
            LabelMap ids = PanopticPng.readIds(out.resolve("annotations/panoptic_default/p.png"), arena);
            assertEquals(PanopticPng.MAX_ID, ids.get(1, 1));
            assertEquals(0, ids.get(3, 3));
        }
    }

    @Test
    void anIdBeyondTwentyFourBitsIsRenumberedNotWrapped() throws IOException {
        for (long id : new long[] {PanopticPng.MAX_ID + 1L, 900100217285L, (1L << 32) + 5}) {
            export(id);
            try (Arena arena = Arena.ofConfined()) {
                LabelMap ids = PanopticPng.readIds(out.resolve("annotations/panoptic_default/p.png"), arena);
                assertEquals(1, ids.get(1, 1));
            }
            String json = Files.readString(out.resolve("annotations/panoptic_default.json"));
            assertTrue(json.contains("\"segments_info\":[{\"id\":1,"), json);
        }
    }

    @Test
    void renumberedSegmentsTakeNumbersNoOtherSegmentOfTheItemHas() throws IOException {
        ExportFixtures.export(out, categories(), options(SegmentationMode.GUESS, false, false, CocoTask.PANOPTIC),
                new ArrayList<>(), item("p", 4, 4,
                        new Annotation.RleMask(info(900100217285L, 0, 0), rect(4, 4, 0, 0, 0, 0)),
                        new Annotation.RleMask(info(1, 0, 0), rect(4, 4, 2, 2, 2, 2)),
                        new Annotation.RleMask(info(1, 0, 0), rect(4, 4, 3, 3, 3, 3))));
        try (Arena arena = Arena.ofConfined()) {
            LabelMap ids = PanopticPng.readIds(out.resolve("annotations/panoptic_default/p.png"), arena);
            assertEquals(2, ids.get(0, 0));
            assertEquals(1, ids.get(2, 2));
            assertEquals(3, ids.get(3, 3));
        }
    }

    private void export(long segmentId) throws IOException {
        ExportFixtures.export(out, categories(), options(SegmentationMode.GUESS, false, false, CocoTask.PANOPTIC),
                new ArrayList<>(), item("p", 4, 4, new Annotation.RleMask(info(segmentId, 0, 0), rect(4, 4, 0, 0, 2, 2))));
    }
}
