package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.util.Arrays;

/**
 * A segmentation that is a list of polygons, as nearly every annotation of a COCO file has, and a
 * keypoints value, a list of numbers, read from their bytes with {@link JsonScanner}: each number
 * converted from the bytes, where Jackson makes a String of each (and a keypoints-only command, such as
 * {@code coco pack-h5}, never starts Jackson's parser, whose static initialisation alone costs a
 * short run tens of milliseconds). Anything else (an RLE object, a value that is not a list of (lists
 * of) numbers, a number of more than {@link #MAX_NUMBER_CHARS} characters, bytes that are not valid
 * JSON) is left to Jackson ({@link Segmentation#parse}, {@link CocoIndex#keypoints}), which gives the
 * same values and the errors. Both convert a number to the nearest double.
 */
final class PolygonScan {

    /** Longer numbers are Jackson's, whose length limit then applies. */
    private static final int MAX_NUMBER_CHARS = 32;
    /** The scratch size of a list's numbers: a polygon's coordinates, 51 keypoint values. */
    private static final int POINTS = 64;

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
        try (JsonParser p = Json.FACTORY.createParser(json, from, length)) {
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
            double[] points = new double[POINTS];
            if (s.enterArray()) {
                do {
                    if (s.peek() != '[') {
                        return null;
                    }
                    double[] part = numbers(s, points);
                    if (part == null) {
                        return null;
                    }
                    if (count == parts.length) {
                        parts = Arrays.copyOf(parts, 2 * count);
                    }
                    parts[count++] = part;
                } while (s.nextElement());
            }
            s.expectEnd();
            return new Segmentation.Polygons(Arrays.copyOf(parts, count));
        } catch (JsonInputException e) {
            return null;
        }
    }

    /**
     * The numbers of the list that the bytes {@code json[from, from + length)} (a keypoints value) are, or
     * null when they are not only a list of numbers.
     */
    static double[] numberList(byte[] json, int from, int length) {
        JsonScanner s = new JsonScanner(json, from, length);
        try {
            if (s.peek() != '[') {
                return null;
            }
            double[] numbers = numbers(s, new double[POINTS]);
            if (numbers != null) {
                s.expectEnd();
            }
            return numbers;
        } catch (JsonInputException e) {
            return null;
        }
    }

    /**
     * The list of numbers at the scanner (its '[' peeked), read with {@code scratch} (which may be too
     * small), or null when an element is not a number of at most {@link #MAX_NUMBER_CHARS} characters.
     */
    private static double[] numbers(JsonScanner s, double[] scratch) {
        double[] points = scratch;
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
        return Arrays.copyOf(points, n);
    }
}
