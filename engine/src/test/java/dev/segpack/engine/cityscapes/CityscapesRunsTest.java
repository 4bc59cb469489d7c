package dev.segpack.engine.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.cityscapes.CityscapesFrames.Frame;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link CityscapesRenderer#renderRuns} holds, pixel for pixel, the images {@link CityscapesRenderer#render} draws
 * (which the golden and recorded tests check against cityscapesScripts): every golden frame with labels.py's and the
 * merged table, every recorded synthetic frame (with the table whose images draw different objects), all five images
 * at once and each alone.
 */
class CityscapesRunsTest {

    @Test
    void goldenFramesWithEachTable() throws IOException {
        int images = 0;
        for (LabelTable table : List.of(LabelTable.cityscapes(),
                LabelTable.read(Testdata.path("cityscapes/reference/labels_merged.csv")))) {
            for (String name : CityscapesFrames.GOLDEN_FRAMES) {
                Frame frame = CityscapesFrames.read(Testdata.path(CityscapesFrames.GOLDEN_DIR + name + "_gtFine_polygons.json"));
                images += assertRunsHoldTheRenderedPixels(table, frame, name);
            }
        }
        assertEquals(2 * 6 * 10, images);
    }

    @Test
    void recordedSyntheticFrames() throws IOException {
        Map<String, LabelTable> tables = Map.of("cityscapes", LabelTable.cityscapes(),
                "odd", LabelTable.read(Testdata.path("cityscapes/synthetic/labels_odd.csv")));
        List<JsonNode> cases = Testdata.jsonLines("cityscapes/synthetic/cases.jsonl.gz");
        int images = 0;
        for (int c = 0; c < cases.size(); c++) {
            JsonNode row = cases.get(c);
            Frame frame = CityscapesFrames.parse(row.get("frame"));
            LabelTable table = tables.get(row.get("table").asText());
            boolean refused = false;
            for (ImageType type : ImageType.values()) {
                refused |= row.get(type.suffix() + "_error") != null;
            }
            if (refused) {
                CityscapesRenderer renderer = new CityscapesRenderer(table);
                assertThrows(InvalidObjectException.class, () -> renderer.renderRuns(frame.h(), frame.w(),
                        frame.objects(), EnumSet.allOf(ImageType.class)), "case " + c);
                continue;
            }
            images += assertRunsHoldTheRenderedPixels(table, frame, "case " + c);
        }
        assertEquals((80 - 12) * 10, images); // 12 frames are refused
    }

    /** All five images at once, then each alone; returns the number of images compared. */
    private static int assertRunsHoldTheRenderedPixels(LabelTable table, Frame frame, String where) {
        CityscapesRenderer renderer = new CityscapesRenderer(table);
        int images = 0;
        List<Set<ImageType>> selections = new ArrayList<>(List.of(EnumSet.allOf(ImageType.class)));
        for (ImageType type : ImageType.values()) {
            selections.add(EnumSet.of(type));
        }
        int[] starts = new int[frame.w()];
        int[] inks = new int[frame.w()];
        for (Set<ImageType> types : selections) {
            try (Arena arena = Arena.ofConfined()) {
                Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, frame.h(), frame.w(), types);
                renderer.render(frame.h(), frame.w(), frame.objects(), maps);
                ImageRuns runs = renderer.renderRuns(frame.h(), frame.w(), frame.objects(), types);
                assertEquals(types, runs.types());
                for (ImageType type : types) {
                    LabelMap map = maps.get(type);
                    for (int y = 0; y < frame.h(); y++) {
                        int n = runs.row(type, y, starts, inks);
                        assertEquals(0, n == 0 ? frame.w() : starts[0], where);
                        for (int i = 0; i < n; i++) {
                            int end = i + 1 < n ? starts[i + 1] : frame.w();
                            if (i > 0 && (inks[i] == inks[i - 1] || starts[i] <= starts[i - 1])) {
                                fail(where + " " + type + ": row " + y + " runs " + (i - 1) + " and " + i);
                            }
                            for (int x = starts[i]; x < end; x++) {
                                if (map.getFlat((long) y * frame.w() + x) != inks[i]) {
                                    assertEquals(map.getFlat((long) y * frame.w() + x), inks[i],
                                            where + " " + type + " " + types.size() + " at " + x + "," + y);
                                }
                            }
                        }
                    }
                    images++;
                }
            }
        }
        return images;
    }
}
