package dev.segpack.spark.sql;

import dev.segpack.coco.Segmentation;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark SQL functions over COCO RLE columns, usable from SQL, Scala, Java and PySpark once
 * registered. A mask is a compressed counts string ({@code counts}) with its height and width, as
 * in a COCO file's {@code {"size":[h,w],"counts":"…"}}; each function is one engine call, so results
 * equal pycocotools' (see the engine's MaskApi):
 * <pre>
 * rle_area(counts, h, w)                     BIGINT         area
 * rle_bbox(counts, h, w)                     ARRAY&lt;DOUBLE&gt;  toBbox [x, y, w, h]
 * rle_decode(counts, h, w)                   BINARY         the h·w mask, 0/1 bytes, row-major (y·w + x)
 * rle_iou(dt, gt, h, w, iscrowd)             DOUBLE         iou of two masks of one size
 * rle_merge(counts_array, h, w, intersect)   STRING         union (intersect false) or intersection
 * rle_from_polygons(polygons, h, w)          STRING         annToRLE of polygons (ARRAY&lt;ARRAY&lt;DOUBLE&gt;&gt;)
 * rle_to_counts(counts, h, w)                ARRAY&lt;BIGINT&gt;  the uncompressed counts
 * rle_from_counts(uncompressed, h, w)        STRING         the compressed string of uncompressed counts
 * </pre>
 * A null argument gives null. An invalid row (malformed counts, counts that do not add up to h·w,
 * a polygon list that is empty) fails its task with an {@link InvalidRleException} naming the
 * function and the row's values; registered with {@code skipInvalid}, the functions give null for
 * such rows instead, as {@code --skip-invalid} leaves them out of the commands' outputs.
 *
 * <p>The functions run per row without off-heap memory: decode writes straight into the byte array
 * Spark stores, the others only touch runs. Each call leaves a little heap garbage (the row's runs as
 * an int array, the result), and that is by design: a Spark UDF sees one row at a time (a per-task
 * buffer would have to be looked up through TaskContext on every call) and what it returns must be
 * a new object that Spark keeps, so a buffer could only be reused for the runs, which die young.
 */
public final class SegpackFunctions {

    /** How much of a counts string an error message shows. */
    private static final int SHOWN_CHARS = 40;

    private SegpackFunctions() {
    }

    /** Registers the functions on {@code spark}; an invalid row fails its task. */
    public static void register(SparkSession spark) {
        register(spark, false);
    }

    /** Registers the functions on {@code spark}; with {@code skipInvalid}, an invalid row gives null. */
    public static void register(SparkSession spark, boolean skipInvalid) {
        var udf = spark.udf();
        udf.register("rle_area", (UDF3<String, Integer, Integer, Long>) (counts, h, w) ->
                counts == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_area", row(counts, h, w), () -> MaskApi.area(rle(counts, h, w))),
                DataTypes.LongType);
        udf.register("rle_bbox", (UDF3<String, Integer, Integer, double[]>) (counts, h, w) ->
                counts == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_bbox", row(counts, h, w),
                                () -> MaskApi.toBbox(rle(counts, h, w)).toArray()),
                DataTypes.createArrayType(DataTypes.DoubleType, false));
        udf.register("rle_decode", (UDF3<String, Integer, Integer, byte[]>) (counts, h, w) ->
                counts == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_decode", row(counts, h, w), () -> decode(rle(counts, h, w))),
                DataTypes.BinaryType);
        udf.register("rle_iou", (UDF5<String, String, Integer, Integer, Boolean, Double>) (dt, gt, h, w, crowd) ->
                dt == null || gt == null || h == null || w == null || crowd == null ? null
                        : checked(skipInvalid, "rle_iou", "dt " + row(dt, h, w) + ", gt " + shown(gt),
                                () -> MaskApi.iou(List.of(rle(dt, h, w)), List.of(rle(gt, h, w)),
                                        new boolean[] {crowd})[0][0]),
                DataTypes.DoubleType);
        udf.register("rle_merge", (UDF4<Seq<String>, Integer, Integer, Boolean, String>) (all, h, w, intersect) ->
                all == null || h == null || w == null || intersect == null ? null
                        : checked(skipInvalid, "rle_merge", h + "x" + w + " masks " + shown(all.mkString(",")),
                                () -> RleString.encode(MaskApi.merge(rles(all, h, w), intersect))),
                DataTypes.StringType);
        udf.register("rle_from_polygons", (UDF3<Seq<Seq<Double>>, Integer, Integer, String>) (polygons, h, w) ->
                polygons == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_from_polygons", h + "x" + w + " image, "
                                + polygons.size() + " polygons", () -> RleString.encode(
                                new Segmentation.Polygons(parts(polygons)).toRle(h, w))),
                DataTypes.StringType);
        udf.register("rle_to_counts", (UDF3<String, Integer, Integer, long[]>) (counts, h, w) ->
                counts == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_to_counts", row(counts, h, w), () -> uncompressed(rle(counts, h, w))),
                DataTypes.createArrayType(DataTypes.LongType, false));
        udf.register("rle_from_counts", (UDF3<Seq<Long>, Integer, Integer, String>) (runs, h, w) ->
                runs == null || h == null || w == null ? null
                        : checked(skipInvalid, "rle_from_counts", h + "x" + w + " mask, " + runs.size() + " runs",
                                () -> RleString.encode(Rle.of(h, w, counts(runs)))),
                DataTypes.StringType);
    }

    /**
     * {@code result}'s value; an invalid row (the engine refuses it with an IllegalArgumentException)
     * gives null when skipping, else an {@link InvalidRleException} naming the function and the row.
     */
    private static <T> T checked(boolean skipInvalid, String function, String row, Supplier<T> result) {
        try {
            return result.get();
        } catch (IllegalArgumentException e) {
            if (skipInvalid) {
                return null;
            }
            throw new InvalidRleException(function + ": invalid row (" + row + "): " + e.getMessage(), e);
        }
    }

    private static String row(String counts, int h, int w) {
        return h + "x" + w + " mask, counts " + shown(counts);
    }

    private static String shown(String counts) {
        return "\"" + (counts.length() <= SHOWN_CHARS ? counts : counts.substring(0, SHOWN_CHARS) + "…") + "\"";
    }

    private static Rle rle(String counts, int h, int w) {
        return RleString.decode(h, w, counts);
    }

    private static List<Rle> rles(Seq<String> all, int h, int w) {
        List<Rle> out = new ArrayList<>(all.size());
        for (String counts : CollectionConverters.asJava(all)) {
            out.add(rle(counts, h, w));
        }
        return out;
    }

    private static double[][] parts(Seq<Seq<Double>> polygons) {
        double[][] out = new double[polygons.size()][];
        int i = 0;
        for (Seq<Double> polygon : CollectionConverters.asJava(polygons)) {
            out[i] = new double[polygon.size()];
            int k = 0;
            for (Double v : CollectionConverters.asJava(polygon)) {
                out[i][k++] = v;
            }
            i++;
        }
        return out;
    }

    /** The h·w mask, row-major, decoded by the engine straight into the array Spark keeps. */
    private static byte[] decode(Rle rle) {
        PixelLimit.checkedPixels(rle.h(), rle.w());
        byte[] pixels = new byte[Math.toIntExact(rle.pixels())];
        MaskApi.decode(rle, Mask.ofArray(pixels, rle.h(), rle.w(), Order.ROW_MAJOR));
        return pixels;
    }

    private static long[] uncompressed(Rle rle) {
        long[] out = new long[rle.runs()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rle.count(i);
        }
        return out;
    }

    /** Uncompressed runs as the engine holds them (uint32 in ints); a run outside 0..2³²−1 is refused. */
    private static int[] counts(Seq<Long> runs) {
        int[] out = new int[runs.size()];
        int i = 0;
        for (Long run : CollectionConverters.asJava(runs)) {
            if (run == null || run < 0 || run > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("run " + i + " is " + run + ", outside 0..2^32-1");
            }
            out[i++] = (int) (long) run;
        }
        return out;
    }
}
