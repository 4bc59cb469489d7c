package dev.segpack.python;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MalformedRleException;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * pycocotools.mask's verbs as segpack.mask calls them: one call per batch, numpy arrays passed as
 * direct buffers over their own memory (read and written in place), RLEs as in {@link RleArgs},
 * results that are RLEs as their counts strings each followed by a space. Every check and every
 * result is the engine's ({@link MaskApi}); numbers are written in native order.
 */
public final class MaskCalls {

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private MaskCalls() {
    }

    /**
     * encode: the n h×w masks of {@code masks}, one after the other, each column-major ([h,w,n]
     * Fortran order) or row-major ([n,h,w] C order). Each mask is read in place by
     * {@link MaskApi#encode(Mask)} (a {@link dev.segpack.engine.batch.RleBatch} would add a copy of
     * every mask's runs into the batch's array).
     */
    public static byte[] encode(ByteBuffer masks, int n, int h, int w, boolean columnMajor) {
        Order order = columnMajor ? Order.COLUMN_MAJOR : Order.ROW_MAJOR;
        MemorySegment all = MemorySegment.ofBuffer(masks);
        long pixels = Mask.checkedPixels(h, w);
        if (all.byteSize() < Math.multiplyExact(pixels, (long) n)) {
            throw new IllegalArgumentException(n + " masks of " + h + "x" + w + " need " + pixels * n
                    + " bytes but the buffer has " + all.byteSize());
        }
        List<Rle> rles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rles.add(MaskApi.encode(new Mask(all.asSlice(pixels * i, pixels), h, w, order)));
        }
        return RleArgs.join(rles);
    }

    /**
     * decode into {@code out}, an [h,w,n] Fortran-order uint8 array; all masks must share one size. A
     * large batch is written on {@link SharedWorkers}, so that all cores write at once.
     */
    public static void decode(ByteBuffer strings, int[] lengths, int[] sizes, ByteBuffer out) {
        if (lengths.length == 0) {
            return;
        }
        int h = sizes[0], w = sizes[1];
        for (int i = 1; i < lengths.length; i++) {
            if (sizes[2 * i] != h || sizes[2 * i + 1] != w) {
                throw new IllegalArgumentException("RLE " + i + " is " + sizes[2 * i] + "x" + sizes[2 * i + 1]
                        + " but RLE 0 is " + h + "x" + w + "; decode returns one array, so all masks must share a size");
            }
        }
        MemorySegment all = MemorySegment.ofBuffer(out);
        long pixels = Mask.checkedPixels(h, w);
        if (all.byteSize() < pixels * lengths.length) {
            throw new IllegalArgumentException(lengths.length + " masks of " + h + "x" + w + " need "
                    + pixels * lengths.length + " bytes but the buffer has " + all.byteSize());
        }
        RleArgs.forEach(strings, lengths, sizes, (i, rle) ->
                MaskApi.decode(rle, new Mask(all.asSlice(pixels * i, pixels), h, w, Order.COLUMN_MAJOR)));
    }

    /** area of every RLE into {@code out}, uint32. */
    public static void area(ByteBuffer strings, int[] lengths, int[] sizes, ByteBuffer out) {
        MemorySegment areas = MemorySegment.ofBuffer(out);
        RleArgs.forEach(strings, lengths, sizes, (i, rle) -> area(rle, i, areas));
    }

    /** toBbox of every RLE into {@code out}, float64 [n,4] in C order. */
    public static void toBbox(ByteBuffer strings, int[] lengths, int[] sizes, ByteBuffer out) {
        MemorySegment boxes = MemorySegment.ofBuffer(out);
        RleArgs.forEach(strings, lengths, sizes, (i, rle) -> box(rle, i, boxes));
    }

    /** {@link #area} and {@link #toBbox} of the same RLEs, read once (COCO.loadRes' segmentation results). */
    public static void areaAndBbox(ByteBuffer strings, int[] lengths, int[] sizes, ByteBuffer areasOut, ByteBuffer boxesOut) {
        MemorySegment areas = MemorySegment.ofBuffer(areasOut), boxes = MemorySegment.ofBuffer(boxesOut);
        RleArgs.forEach(strings, lengths, sizes, (i, rle) -> {
            area(rle, i, areas);
            box(rle, i, boxes);
        });
    }

    private static void area(Rle rle, int i, MemorySegment areas) {
        areas.setAtIndex(U32, i, (int) MaskApi.area(rle));
    }

    private static void box(Rle rle, int i, MemorySegment boxes) {
        Bbox b = MaskApi.toBbox(rle);
        boxes.setAtIndex(F64, 4L * i, b.x());
        boxes.setAtIndex(F64, 4L * i + 1, b.y());
        boxes.setAtIndex(F64, 4L * i + 2, b.w());
        boxes.setAtIndex(F64, 4L * i + 3, b.h());
    }

    /** merge: the union or intersection's counts string (empty, size 0×0, for none or mixed sizes). */
    public static byte[] merge(ByteBuffer strings, int[] lengths, int[] sizes, boolean intersect) {
        Rle merged = MaskApi.merge(RleArgs.parse(strings, lengths, sizes), intersect);
        return RleString.encode(merged).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** iou between RLEs into {@code out}, float64 [m,n] in Fortran order (iou[d][g] at g·m + d). */
    public static void iou(ByteBuffer dtStrings, int[] dtLengths, int[] dtSizes, ByteBuffer gtStrings, int[] gtLengths,
            int[] gtSizes, byte[] iscrowd, ByteBuffer out) {
        double[][] o = MaskApi.iou(RleArgs.parse(dtStrings, dtLengths, dtSizes),
                RleArgs.parse(gtStrings, gtLengths, gtSizes), crowdFlags(iscrowd));
        writeColumnMajor(o, gtLengths.length, out);
    }

    /** iou between boxes (float64 [m,4] and [n,4], C order) into {@code out} as {@link #iou}. */
    public static void bbIou(ByteBuffer dt, int m, ByteBuffer gt, int n, byte[] iscrowd, ByteBuffer out) {
        double[][] o = MaskApi.bbIou(boxes(dt, m), boxes(gt, n), crowdFlags(iscrowd));
        writeColumnMajor(o, n, out);
    }

    /** frPyObjects of polygons: all coordinates back to back, each polygon's value count in {@code lengths}. */
    public static byte[] frPoly(double[] coordinates, int[] lengths, int h, int w) {
        List<Rle> rles = new ArrayList<>(lengths.length);
        int at = 0;
        for (int length : lengths) {
            rles.add(MaskApi.frPoly(Arrays.copyOfRange(coordinates, at, at + length), h, w));
            at += length;
        }
        return RleArgs.join(rles);
    }

    /** frPyObjects of boxes (float64 [n,4], C order). */
    public static byte[] frBbox(ByteBuffer boxes, int n, int h, int w) {
        List<Rle> rles = new ArrayList<>(n);
        for (Bbox b : boxes(boxes, n)) {
            rles.add(MaskApi.frBbox(b, h, w));
        }
        return RleArgs.join(rles);
    }

    /** frPyObjects of uncompressed RLEs: all counts back to back, each RLE's count in {@code lengths}. */
    public static byte[] frUncompressed(long[] counts, int[] lengths, int[] sizes) {
        List<Rle> rles = new ArrayList<>(lengths.length);
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            rles.add(uncompressed(counts, at, lengths[i], sizes[2 * i], sizes[2 * i + 1], "RLE " + i));
            at += lengths[i];
        }
        return RleArgs.join(rles);
    }

    /** The Rle of counts[from..from+length), each refused outside 0..2³²−1, {@code what} naming it in errors. */
    static Rle uncompressed(long[] counts, int from, int length, int h, int w, String what) {
        int[] runs = new int[length];
        for (int k = 0; k < length; k++) {
            long c = counts[from + k];
            if (c < 0 || c > 0xFFFF_FFFFL) {
                throw new MalformedRleException(what + ": count " + k + " is " + c + ", outside 0..2^32-1");
            }
            runs[k] = (int) c;
        }
        try {
            return Rle.of(h, w, runs);
        } catch (IllegalArgumentException e) {
            throw new MalformedRleException(what + ": " + e.getMessage());
        }
    }

    private static List<Bbox> boxes(ByteBuffer buffer, int n) {
        MemorySegment values = MemorySegment.ofBuffer(buffer);
        List<Bbox> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(new Bbox(values.getAtIndex(F64, 4 * i), values.getAtIndex(F64, 4 * i + 1),
                    values.getAtIndex(F64, 4 * i + 2), values.getAtIndex(F64, 4 * i + 3)));
        }
        return out;
    }

    private static boolean[] crowdFlags(byte[] iscrowd) {
        boolean[] crowd = new boolean[iscrowd.length];
        for (int i = 0; i < crowd.length; i++) {
            crowd[i] = iscrowd[i] != 0;
        }
        return crowd;
    }

    private static void writeColumnMajor(double[][] o, int n, ByteBuffer out) {
        MemorySegment matrix = MemorySegment.ofBuffer(out);
        int m = o.length;
        for (int d = 0; d < m; d++) {
            for (int g = 0; g < n; g++) {
                matrix.setAtIndex(F64, (long) g * m + d, o[d][g]);
            }
        }
    }
}
