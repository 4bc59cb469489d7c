package dev.segpack.engine.rle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.Testdata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Golden rows as JUnit arguments, one test case per row, named by file and line. */
final class GoldenRows {

    private GoldenRows() {
    }

    static Stream<Arguments> of(String file) {
        List<JsonNode> rows = Testdata.jsonLines("golden/" + file);
        return IntStream.range(0, rows.size()).mapToObj(i -> Arguments.of(file + ":" + (i + 1), rows.get(i)));
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
