package dev.segpack.engine.rle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.util.ArrayList;
import java.util.List;

/** What the pycocotools golden rows hold, as engine values. */
final class GoldenRows {

    private GoldenRows() {
    }

    /** The pixels that uncompressed column-major counts describe, in {@code order}. */
    static Mask maskOf(int[] counts, int h, int w, Order order) {
        byte[] colMajor = new byte[h * w];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                colMajor[at++] = (byte) (i & 1);
            }
        }
        Mask f = Mask.ofArray(colMajor, h, w, Order.COLUMN_MAJOR);
        return order == Order.COLUMN_MAJOR ? f : Mask.ofArray(f.toArray(Order.ROW_MAJOR), h, w, Order.ROW_MAJOR);
    }

    static List<Rle> rles(JsonNode strings, int h, int w) {
        List<Rle> out = new ArrayList<>();
        strings.forEach(s -> out.add(RleString.decode(h, w, s.asText())));
        return out;
    }

    static Bbox bbox(JsonNode b) {
        return new Bbox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }
}
