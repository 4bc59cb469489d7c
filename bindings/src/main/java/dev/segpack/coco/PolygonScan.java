package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.util.Arrays;

/**
 * A segmentation that is a list of polygons, as nearly every annotation of a COCO file has, read from
 * its bytes with {@link JsonScanner}: each coordinate converted from the bytes, where Jackson makes a
 * String of each. Anything else (an RLE object, a value that is not a list of lists of numbers, a
 * number of more than {@link #MAX_NUMBER_CHARS} characters, bytes that are not valid JSON) is left to
 * {@link Segmentation#parse}, which gives the same values and the errors. Both convert a number to the
 * nearest double.
 */
final class PolygonScan {

    /** Longer numbers are Jackson's, whose length limit then applies. */
    private static final int MAX_NUMBER_CHARS = 32;

    private PolygonScan() {
    }

    /**
     * The segmentation that is the bytes {@code json[from, from + length)}: polygons read here, anything
     * else by {@link Segmentation#parse} (which throws what it throws).
     */
    static Segmentation segmentation(byte[] json, int from, int length) throws IOException {
        Segmentation polygons = of(json, from, length);
        if (polygons != null) {
            return polygons;
        }
        try (JsonParser p = Json.parser(json, from, length)) {
            p.nextToken();
            return Segmentation.parse(p);
        }
    }

    /**
     * The polygons that the bytes {@code json[from, from + length)} (a segmentation's) hold, or null
     * when they are not only polygons of numbers.
     */
    static Segmentation.Polygons of(byte[] json, int from, int length) {
        JsonScanner s = new JsonScanner(json, from, length);
        try {
            if (s.peek() != '[') {
                return null;
            }
            double[][] parts = new double[4][];
            int count = 0;
            double[] points = new double[64];
            if (s.enterArray()) {
                do {
                    if (s.peek() != '[') {
                        return null;
                    }
                    int n = 0;
                    if (s.enterArray()) {
                        do {
                            if (!s.readNumberOrSkip() || s.numberEnd - s.numberStart > MAX_NUMBER_CHARS) {
                                return null;
                            }
                            if (n == points.length) {
                                points = Arrays.copyOf(points, 2 * n);
                            }
                            points[n++] = s.doubleValue();
                        } while (s.nextElement());
                    }
                    if (count == parts.length) {
                        parts = Arrays.copyOf(parts, 2 * count);
                    }
                    parts[count++] = Arrays.copyOf(points, n);
                } while (s.nextElement());
            }
            s.expectEnd();
            return new Segmentation.Polygons(Arrays.copyOf(parts, count));
        } catch (JsonInputException e) {
            return null;
        }
    }
}
