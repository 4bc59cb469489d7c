package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.util.Arrays;

/**
 * An annotation's segmentation and keypoints values read from their bytes with {@link JsonScanner}: a
 * list of polygons (nearly every annotation of a COCO file), an uncompressed RLE (crowd annotations) and
 * a keypoints list, each number converted from the bytes, where Jackson makes a String of each (and a
 * command that reads only these, such as {@code coco pack-h5}, never starts Jackson's parser, whose
 * static initialisation alone costs a short run tens of milliseconds). Anything else (a compressed RLE,
 * a value of another shape, a number of more than {@link #MAX_NUMBER_CHARS} characters or out of its
 * range, bytes that are not valid JSON) is left to Jackson ({@link Segmentation#parse},
 * {@link CocoIndex#keypoints}), which gives the same values and the errors. Both convert a number to the
 * nearest double.
 */
final class AnnotationScan {

    /** Longer numbers are Jackson's, whose length limit then applies. */
    private static final int MAX_NUMBER_CHARS = 32;
    /** The scratch size of a list's numbers: a polygon's coordinates, 51 keypoint values. */
    private static final int POINTS = 64;
    private static final JsonKeys RLE_KEYS = new JsonKeys("size", "counts");
    private static final int SIZE = 0;
    private static final int COUNTS = 1;

    private AnnotationScan() {
    }

    /**
     * The segmentation that is the bytes {@code json[from, from + length)}: polygons read here, anything
     * else by {@link Segmentation#parse} (which throws what it throws).
     */
    static Segmentation segmentation(byte[] json, int from, int length) throws IOException {
        Segmentation polygons = polygons(json, from, length);
        if (polygons != null) {
            return polygons;
        }
        Segmentation rle = uncompressedRle(json, from, length);
        if (rle != null) {
            return rle;
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
    static Segmentation.Polygons polygons(byte[] json, int from, int length) {
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

    /**
     * The uncompressed RLE (a crowd annotation's {"size": [h, w], "counts": [...]}) that the bytes
     * {@code json[from, from + length)} are, or null when they are anything else: a compressed RLE, another
     * or a repeated member, a size or count that is not an integer in its range.
     */
    static Segmentation.UncompressedRle uncompressedRle(byte[] json, int from, int length) {
        JsonScanner s = new JsonScanner(json, from, length);
        try {
            if (s.peek() != '{' || !s.enterObject()) {
                return null;
            }
            int[] size = null;
            int[] counts = null;
            do {
                int key = s.key(RLE_KEYS);
                if (key == SIZE && size == null) {
                    size = integers(s, Integer.MAX_VALUE);
                    if (size == null || size.length != 2) {
                        return null;
                    }
                } else if (key == COUNTS && counts == null) {
                    counts = integers(s, 0xFFFF_FFFFL);
                    if (counts == null) {
                        return null;
                    }
                } else {
                    return null;
                }
            } while (s.nextMember());
            s.expectEnd();
            return size == null || counts == null ? null : new Segmentation.UncompressedRle(size[0], size[1], counts);
        } catch (JsonInputException e) {
            return null;
        }
    }

    /** The list of integers in 0..{@code max} at the scanner (counts above 2^31-1 kept as their low 32 bits), or null. */
    private static int[] integers(JsonScanner s, long max) {
        if (s.peek() != '[') {
            return null;
        }
        int[] out = new int[POINTS];
        int n = 0;
        if (s.enterArray()) {
            do {
                if (!s.readNumberOrSkip() || !s.isInteger()) {
                    return null;
                }
                long v = s.longValue();
                if (v < 0 || v > max) {
                    return null;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = (int) v;
            } while (s.nextElement());
        }
        return Arrays.copyOf(out, n);
    }
}
