package dev.segpack.engine.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.Testdata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with cv2 4.6 on random masks covering all 16 mode/method combinations (the golden file
 * has 7), including masks with more than 126 contours (mark reuse), and with cv2.approxPolyDP.
 */
class ContoursCv2ExtraTest {

    private static final String FILE = "contours/extra_cv2.jsonl.gz";

    @Test
    void allSixteenCombinationsMatchOpenCv() {
        List<JsonNode> rows = Testdata.jsonLines(FILE);
        for (JsonNode row : rows) {
            assertEquals(16, row.get("results").size(), "combinations per row");
        }
        assertEquals(2 * 16 * rows.size(), ContourParity.checkAll(rows, FILE));
    }

    @Test
    void douglasPeuckerMatchesApproxPolyDp() {
        int checked = 0;
        List<JsonNode> rows = Testdata.jsonLines(FILE);
        for (int r = 0; r < rows.size(); r++) {
            JsonNode cases = rows.get(r).get("dp");
            for (int c = 0; c < cases.size(); c++) {
                JsonNode dp = cases.get(c);
                int[] polygon = ContourParity.flatten(dp.get("points"));
                double epsilon = dp.get("epsilon").asDouble();
                assertArrayEquals(ContourParity.flatten(dp.get("approx")),
                        DouglasPeucker.simplifyClosed(polygon, epsilon),
                        FILE + " row " + r + " dp case " + c + " (epsilon " + epsilon + ")");
                checked++;
            }
        }
        assertTrue(checked > 0, "approxPolyDP cases present");
    }
}
