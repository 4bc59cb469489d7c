package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An annotation's {@code segmentation} value, in any of the three forms COCO files use. */
public sealed interface Segmentation {

    /** Polygons as flat x0,y0,x1,y1,… lists; the mask is their union. */
    record Polygons(double[][] parts) implements Segmentation {
    }

    /** {@code {"size":[h,w],"counts":[…]}}: uncompressed RLE, as crowd annotations are stored. */
    record UncompressedRle(int h, int w, int[] counts) implements Segmentation {
    }

    /** {@code {"size":[h,w],"counts":"…"}}: compressed RLE. */
    record CompressedRle(int h, int w, String counts) implements Segmentation {
    }

    /**
     * COCO.annToRLE: the mask of this segmentation on an image of {@code imageH}×{@code imageW}.
     * Polygons are rasterised on the image size and united; RLEs must have the image's size (pycocotools
     * uses the RLE's own size without checking, which yields masks that do not fit their image).
     * A compressed RLE is validated and returned as it is.
     */
    default Rle toRle(int imageH, int imageW) {
        return switch (this) {
            case Polygons p -> {
                if (p.parts().length == 0) {
                    throw new IllegalArgumentException("segmentation is an empty polygon list");
                }
                if (p.parts().length == 1) {
                    yield MaskApi.frPoly(p.parts()[0], imageH, imageW);
                }
                List<Rle> parts = new ArrayList<>(p.parts().length);
                for (double[] part : p.parts()) {
                    parts.add(MaskApi.frPoly(part, imageH, imageW));
                }
                yield MaskApi.merge(parts, false);
            }
            case UncompressedRle u -> {
                checkSize(u.h(), u.w(), imageH, imageW);
                yield Rle.of(u.h(), u.w(), u.counts());
            }
            case CompressedRle c -> {
                checkSize(c.h(), c.w(), imageH, imageW);
                yield RleString.decode(c.h(), c.w(), c.counts());
            }
        };
    }

    private static void checkSize(int h, int w, int imageH, int imageW) {
        if (h != imageH || w != imageW) {
            throw new IllegalArgumentException("RLE size [" + h + "," + w + "] differs from its image's ["
                    + imageH + "," + imageW + "]");
        }
    }

    /** Reads the value at the parser's current token (START_ARRAY or START_OBJECT). */
    public static Segmentation parse(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return parsePolygons(p);
        }
        if (t == JsonToken.START_OBJECT) {
            return parseRle(p);
        }
        throw new IllegalArgumentException("segmentation is " + describe(t) + ", not a polygon list or an RLE object");
    }

    private static Polygons parsePolygons(JsonParser p) throws IOException {
        List<double[]> parts = new ArrayList<>();
        double[] buf = new double[64];
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("segmentation polygon " + parts.size() + " is "
                        + describe(p.currentToken()) + ", not a list of coordinates");
            }
            int n = 0;
            for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                if (!v.isNumeric()) {
                    throw new IllegalArgumentException("segmentation polygon " + parts.size() + " value " + n
                            + " is " + describe(v) + ", not a number");
                }
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = p.getDoubleValue();
            }
            parts.add(Arrays.copyOf(buf, n));
        }
        return new Polygons(parts.toArray(double[][]::new));
    }

    private static Segmentation parseRle(JsonParser p) throws IOException {
        int[] size = null;
        int[] counts = null;
        String string = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "size" -> size = parseSize(p, v);
                case "counts" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        string = p.getText();
                    } else if (v == JsonToken.START_ARRAY) {
                        counts = parseCounts(p);
                    } else {
                        throw new IllegalArgumentException("RLE counts is " + describe(v) + ", not a list or a string");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (size == null || (counts == null && string == null)) {
            throw new IllegalArgumentException("RLE object lacks " + (size == null ? "size" : "counts"));
        }
        return string != null ? new CompressedRle(size[0], size[1], string) : new UncompressedRle(size[0], size[1], counts);
    }

    private static int[] parseSize(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("RLE size is " + describe(v) + ", not [h, w]");
        }
        long[] hw = new long[3];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT || n == 2) {
                throw new IllegalArgumentException("RLE size is not a pair of integers [h, w]");
            }
            hw[n++] = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
        }
        if (n != 2 || hw[0] < 0 || hw[1] < 0 || hw[0] > Integer.MAX_VALUE || hw[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RLE size is not a pair of non-negative integers [h, w]");
        }
        return new int[] {(int) hw[0], (int) hw[1]};
    }

    private static int[] parseCounts(JsonParser p) throws IOException {
        int[] out = new int[64];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("RLE count " + n + " is " + describe(t) + ", not an integer");
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0
                    || p.getLongValue() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("RLE count " + n + " is " + shortened(p.getText())
                        + ", outside 0..2^32-1");
            }
            long c = p.getLongValue();
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = (int) c;
        }
        return Arrays.copyOf(out, n);
    }

    /** A number as written, cut to its first 20 characters when longer (the file may hold 10,000). */
    private static String shortened(String number) {
        return number.length() <= 24 ? number : number.substring(0, 20) + "... (" + number.length() + " characters)";
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }
}
