package dev.segpack.engine.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.Testdata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DouglasPeuckerTest {

    @Test
    void randomPolygonsMatchApproxPolyDp() {
        String file = "contours/dp_random_cv2.jsonl.gz";
        List<JsonNode> cases = Testdata.jsonLines(file);
        assertEquals(600, cases.size(), "cases in " + file);
        for (int c = 0; c < cases.size(); c++) {
            JsonNode dp = cases.get(c);
            double epsilon = dp.get("epsilon").asDouble();
            assertArrayEquals(ContourParity.flatten(dp.get("approx")),
                    DouglasPeucker.simplifyClosed(ContourParity.flatten(dp.get("points")), epsilon),
                    file + " case " + c + " (epsilon " + epsilon + ")");
        }
    }

    @Test
    void squareWithMidpointsKeepsItsCorners() {
        int[] square = {0, 0, 5, 0, 10, 0, 10, 5, 10, 10, 5, 10, 0, 10, 0, 5};
        assertArrayEquals(new int[] {0, 0, 10, 0, 10, 10, 0, 10}, DouglasPeucker.simplifyClosed(square, 1.0));
    }

    @Test
    void emptyPolygonStaysEmpty() {
        assertArrayEquals(new int[0], DouglasPeucker.simplifyClosed(new int[0], 1.0));
    }

    @Test
    void badInputIsRefusedWithItsValue() {
        var odd = assertThrows(IllegalArgumentException.class,
                () -> DouglasPeucker.simplifyClosed(new int[] {1, 2, 3}, 1.0));
        assertEquals("polygon has an odd number of coordinates: 3", odd.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> DouglasPeucker.simplifyClosed(new int[] {1, 2}, -0.5));
        assertEquals("epsilon must be in [0, 1e30), got -0.5", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DouglasPeucker.simplifyClosed(new int[] {1, 2}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DouglasPeucker.simplifyClosed(new int[] {1, 2}, 1e30));
    }
}
