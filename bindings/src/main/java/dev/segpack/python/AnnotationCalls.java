package dev.segpack.python;

import dev.segpack.coco.Segmentation;
import dev.segpack.engine.rle.RleString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * COCO.annToRLE as segpack.coco calls it: the annotation's segmentation on its image of
 * imageH×imageW through {@link Segmentation#toRle}, the one place the CLI's {@code coco rle} does it
 * too, so both refuse the same annotations for the same reasons. Results are counts strings.
 */
public final class AnnotationCalls {

    private AnnotationCalls() {
    }

    /** Polygons (coordinates back to back, each polygon's value count in {@code lengths}): their union. */
    public static byte[] polygons(double[] coordinates, int[] lengths, int imageH, int imageW) {
        double[][] parts = new double[lengths.length][];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Arrays.copyOfRange(coordinates, at, at + lengths[i]);
            at += lengths[i];
        }
        return counts(new Segmentation.Polygons(parts), imageH, imageW);
    }

    /** An uncompressed RLE of h×w. */
    public static byte[] uncompressed(long[] counts, int h, int w, int imageH, int imageW) {
        int[] runs = MaskCalls.uncompressed(counts, 0, counts.length, h, w, "RLE").counts();
        return counts(new Segmentation.UncompressedRle(h, w, runs), imageH, imageW);
    }

    /** Checks a compressed RLE of h×w (the caller keeps the annotation's own value, as pycocotools does). */
    public static void checkCompressed(byte[] string, int h, int w, int imageH, int imageW) {
        new Segmentation.CompressedRle(h, w, new String(string, StandardCharsets.ISO_8859_1)).toRle(imageH, imageW);
    }

    private static byte[] counts(Segmentation segmentation, int imageH, int imageW) {
        return RleString.encode(segmentation.toRle(imageH, imageW)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
