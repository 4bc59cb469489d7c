package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.io.Json;
import java.io.IOException;
import java.util.Arrays;

/**
 * An annotation's segmentation and keypoints read from their bytes with {@link JsonScanner}, in the
 * forms COCO files hold: a list of polygons (nearly every annotation), an RLE object with a counts
 * list (crowd annotations) or a counts string, a keypoints list; each number converted from the bytes,
 * where Jackson makes a String of each (and a command that reads only these, such as
 * {@code coco pack-h5}, never starts Jackson's parser, whose static initialisation alone costs a short
 * run tens of milliseconds). Anything else (a value that is none of these, one with a number of more than {@link #MAX_NUMBER_CHARS}
 * characters, a repeated member in an RLE object, bytes that are not valid JSON) is left to
 * {@link Segmentation#parse} or {@link CocoIndex#keypoints}, which give the same values and the errors. Both convert a number to the
 * nearest double.
 */
final class AnnotationScan {

    /** Longer numbers are Jackson's, whose length limit then applies. */
    private static final int MAX_NUMBER_CHARS = 32;
    /** Integers of up to 18 digits fit a long as the scanner reads them; longer ones are left to Jackson. */
    private static final int MAX_INTEGER_CHARS = 18;
    private static final JsonKeys RLE_KEYS = new JsonKeys("size", "counts");
    /** Each thread's room for the numbers of the list being read (a longer list grows a copy of its own). */
    private static final ThreadLocal<double[]> NUMBERS = ThreadLocal.withInitial(() -> new double[256]);
    private static final int SIZE = 0, COUNTS = 1;

    private AnnotationScan() {
    }

    /**
     * The segmentation that is the bytes {@code json[from, from + length)}: read here when it is one
     * of the usual forms, else by {@link Segmentation#parse} (which throws what it throws).
     */
    static Segmentation segmentation(byte[] json, int from, int length) throws IOException {
        Segmentation read = of(json, from, length);
        if (read != null) {
            return read;
        }
        try (JsonParser p = Json.parser(json, from, length)) {
            p.nextToken();
            return Segmentation.parse(p);
        }
    }

    /**
     * The segmentation that the bytes {@code json[from, from + length)} hold, or null when it is not
     * one of the usual forms read here.
     */
    static Segmentation of(byte[] json, int from, int length) {
        JsonScanner s = new JsonScanner(json, from, length);
        Segmentation read = read(s);
        try {
            if (read != null) {
                s.expectEnd();
            }
            return read;
        } catch (JsonInputException e) {
            return null;
        }
    }

    /**
     * Reads the segmentation at the scanner when it is one of the usual forms; else null, the scanner
     * then stopped anywhere in the value (a caller rewinds to read it another way).
     */
    static Segmentation read(JsonScanner s) {
        try {
            return switch (s.peek()) {
                case '[' -> polygons(s);
                case '{' -> rle(s);
                default -> null;
            };
        } catch (JsonInputException e) {
            return null;
        }
    }

    private static Segmentation.Polygons polygons(JsonScanner s) {
        double[][] parts = new double[4][];
        int count = 0;
        double[] points = NUMBERS.get();
        if (s.enterArray()) {
            do {
                double[] part = s.peek() == '[' ? numbers(s, points) : null;
                if (part == null) {
                    return null;
                }
                if (count == parts.length) {
                    parts = Arrays.copyOf(parts, 2 * count);
                }
                parts[count++] = part;
            } while (s.nextElement());
        }
        return new Segmentation.Polygons(Arrays.copyOf(parts, count));
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
            double[] numbers = numbers(s, NUMBERS.get());
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
                double v = s.plainNumber();
                if (Double.isNaN(v)) {
                    if (!s.readNumberOrSkip() || s.numberEnd - s.numberStart > MAX_NUMBER_CHARS) {
                        return null;
                    }
                    v = s.doubleValue();
                }
                if (n == points.length) {
                    points = Arrays.copyOf(points, 2 * n);
                }
                points[n++] = v;
            } while (s.nextElement());
        }
        return Arrays.copyOf(points, n);
    }

    /** {"size":[h,w],"counts":[…] or "…"}, any other members skipped; null for anything Segmentation.parse would refuse or read differently. */
    private static Segmentation rle(JsonScanner s) {
        int[] size = null;
        int[] counts = null;
        String string = null;
        if (!s.enterObject()) {
            return null;
        }
        do {
            switch (s.key(RLE_KEYS)) {
                case SIZE -> {
                    if (size != null) {
                        return null;
                    }
                    size = size(s);
                    if (size == null) {
                        return null;
                    }
                }
                case COUNTS -> {
                    if (counts != null || string != null) {
                        return null;
                    }
                    if (s.peek() == '[') {
                        counts = counts(s);
                    } else if (s.peek() == '"') {
                        string = s.readStringOrSkip();
                    }
                    if (counts == null && string == null) {
                        return null;
                    }
                }
                default -> s.skipValue();
            }
        } while (s.nextMember());
        if (size == null || counts == null && string == null) {
            return null;
        }
        return string != null ? new Segmentation.CompressedRle(size[0], size[1], string)
                : new Segmentation.UncompressedRle(size[0], size[1], counts);
    }

    /** [h, w], two integers in 0..2^31-1; else null. */
    private static int[] size(JsonScanner s) {
        int[] hw = new int[2];
        int n = 0;
        if (!s.enterArray()) {
            return null;
        }
        do {
            long v = n < 2 ? integer(s) : -1;
            if (v < 0 || v > Integer.MAX_VALUE) {
                return null;
            }
            hw[n++] = (int) v;
        } while (s.nextElement());
        return n == 2 ? hw : null;
    }

    /** A list of runs, integers in 0..2^32-1; else null. */
    private static int[] counts(JsonScanner s) {
        int[] out = new int[64];
        int n = 0;
        if (s.enterArray()) {
            do {
                long v = integer(s);
                if (v < 0 || v > 0xFFFF_FFFFL) {
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

    /** The next value when it is an integer of up to {@link #MAX_INTEGER_CHARS} characters, else −1. */
    private static long integer(JsonScanner s) {
        return s.readIntegerOrSkip() && s.numberEnd - s.numberStart <= MAX_INTEGER_CHARS ? s.longValue() : -1;
    }
}
