package dev.segpack.engine.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.Testdata;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads contour rows recorded from cv2 and compares {@link ContourFinder} output with them. */
final class ContourParity {

    private ContourParity() {
    }

    /** The row's mask, decoded from its uncompressed column-major RLE, in {@code order}. */
    static Mask mask(JsonNode row, Order order) {
        int h = row.get("h").asInt();
        int w = row.get("w").asInt();
        byte[] columnMajor = new byte[h * w];
        int at = 0;
        boolean one = false;
        for (JsonNode run : row.get("counts")) {
            int length = run.asInt();
            if (one) {
                java.util.Arrays.fill(columnMajor, at, at + length, (byte) 1);
            }
            at += length;
            one = !one;
        }
        assertEquals(h * w, at, "RLE counts of the row add up to h*w");
        Mask mask = Mask.ofArray(columnMajor, h, w, Order.COLUMN_MAJOR);
        return order == Order.COLUMN_MAJOR ? mask : Mask.ofArray(mask.toArray(Order.ROW_MAJOR), h, w, order);
    }

    static RetrievalMode mode(String key) {
        return RetrievalMode.valueOf(key.substring("RETR_".length(), key.indexOf('+')));
    }

    static ChainApprox method(String key) {
        return ChainApprox.valueOf(key.substring(key.indexOf("+CHAIN_APPROX_") + "+CHAIN_APPROX_".length()));
    }

    /** Asserts that {@code actual} has exactly cv2's contours and hierarchy {@code expected}. */
    static void assertSame(JsonNode expected, ContourSet actual, String label) {
        JsonNode contours = expected.get("contours");
        assertEquals(contours.size(), actual.size(), label + ": number of contours");
        for (int i = 0; i < contours.size(); i++) {
            assertArrayEquals(flatten(contours.get(i)), actual.points(i), label + ": points of contour " + i);
        }
        JsonNode hierarchy = expected.get("hierarchy");
        int[] expectedHierarchy = new int[4 * hierarchy.size()];
        for (int i = 0; i < hierarchy.size(); i++) {
            for (int k = 0; k < 4; k++) {
                expectedHierarchy[4 * i + k] = hierarchy.get(i).get(k).asInt();
            }
        }
        assertArrayEquals(expectedHierarchy, actual.hierarchy(), label + ": hierarchy");
    }

    /** [[x, y], ...] as x0, y0, x1, y1, ... */
    static int[] flatten(JsonNode points) {
        return Testdata.ints(Testdata.flatten(points));
    }

    /** Checks every mode/method combination of every row, in both pixel orders; returns the count. */
    static int checkAll(List<JsonNode> rows, String file) {
        assertTrue(!rows.isEmpty(), file + " has rows");
        ContourFinder finder = new ContourFinder();
        int checked = 0;
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String where = file + " row " + r + " (" + row.get("h") + "x" + row.get("w") + " " + row.get("kind").asText() + ")";
            JsonNode results = row.get("results");
            assertTrue(results.size() > 0, where + " has results");
            for (Order order : Order.values()) {
                Mask mask = mask(row, order);
                for (var entry : results.properties()) {
                    String key = entry.getKey();
                    ContourSet found = finder.find(mask, mode(key), method(key));
                    assertSame(entry.getValue(), found, where + " " + key + " " + order);
                    checked++;
                }
            }
        }
        return checked;
    }
}
