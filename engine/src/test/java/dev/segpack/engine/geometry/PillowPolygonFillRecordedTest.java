package dev.segpack.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every polygon Pillow 9.4 drew in bench/harness/pillow_polygons.py, pixel for pixel. */
class PillowPolygonFillRecordedTest {

    private static final List<JsonNode> CASES = Testdata.jsonLines("cityscapes/pillow_polygons.jsonl.gz");

    /** Row-major run lengths alternating 0, 1, … from a possibly empty zero run, as the script writes them. */
    static int[] runs(byte[] mask) {
        List<Integer> out = new ArrayList<>();
        int current = 0;
        int n = 0;
        for (byte b : mask) {
            if (b == current) {
                n++;
            } else {
                out.add(n);
                current = b;
                n = 1;
            }
        }
        out.add(n);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void everyRecordedPolygonIsFilledAsPillowFillsIt() {
        PillowPolygonFill fill = new PillowPolygonFill();
        int drawn = 0;
        int refused = 0;
        for (int c = 0; c < CASES.size(); c++) {
            JsonNode row = CASES.get(c);
            int h = row.get("h").asInt();
            int w = row.get("w").asInt();
            double[] xy = Testdata.doubles(Testdata.flatten(row.get("xy")));
            String where = "case " + c + " " + row.get("xy") + " in " + h + "x" + w;
            if (row.has("error")) {
                assertEquals("TypeError", row.get("error").asText(), where);
                assertThrows(IllegalArgumentException.class, () -> fill.trace(xy, h, w), where);
                refused++;
                continue;
            }
            int[] expected = Testdata.ints(row.get("runs"));
            try (Arena arena = Arena.ofConfined()) {
                LabelMap map = LabelMap.allocate(arena, h, w, LabelType.UINT8, Order.ROW_MAJOR);
                fill.fill(map, xy, 1);
                assertArrayEquals(expected, runs(map.data().toArray(ValueLayout.JAVA_BYTE)), where);
            }
            assertArrayEquals(expected, runs(LiteralPillowPolygon.fill(xy, h, w)), "literal, " + where);
            drawn++;
        }
        assertEquals(2000, drawn + refused);
        assertEquals(236, refused);
    }

    @Test
    void inksAreWhatPillowStores() throws IOException {
        JsonNode inks = new ObjectMapper().readTree(Testdata.path("cityscapes/pillow_inks.json").toFile());
        assertEquals("9.4.0", inks.get("pillow").asText());
        Map<String, LabelType> modes = Map.of("L", LabelType.UINT8, "I", LabelType.INT32, "I_png", LabelType.UINT16);
        int checked = 0;
        for (Map.Entry<String, LabelType> mode : modes.entrySet()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = inks.get(mode.getKey()).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertEquals(e.getValue().asInt(), PillowPolygonFill.ink(mode.getValue(), Long.parseLong(e.getKey())),
                        mode.getKey() + " " + e.getKey());
                checked++;
            }
        }
        assertEquals(21, checked);
    }
}
