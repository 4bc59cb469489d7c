package dev.segpack.engine.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.Testdata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parity with the golden cv2.findContours outputs (OpenCV 4.6), every row and every combination. */
class ContoursGoldenTest {

    @Test
    void everyGoldenRowAndCombinationMatchesOpenCv() {
        List<JsonNode> rows = Testdata.jsonLines("contours/contours.jsonl.gz");
        assertEquals(47, rows.size(), "golden contour rows");
        int combinations = rows.stream().mapToInt(r -> r.get("results").size()).sum();
        int checked = ContourParity.checkAll(rows, "contours.jsonl.gz");
        assertEquals(2 * combinations, checked, "every combination checked in both pixel orders");
    }
}
