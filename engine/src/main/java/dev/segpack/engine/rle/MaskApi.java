package dev.segpack.engine.rle;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.LabelRuns;
import dev.segpack.engine.simd.RunLengths;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The COCO mask API (pycocotools' maskApi.c), one verb per method, with pycocotools' results bit
 * for bit on valid input. Differences, all deliberate: any nonzero pixel is foreground (pycocotools
 * starts a new run at every value change, so values above 1 corrupt its masks); malformed counts are
 * refused when an {@link Rle} is made; polygons with fewer than 3 points or non-finite coordinates
 * are handled in {@link #frPoly}.
 */
public final class MaskApi {

    private static final ThreadLocal<RunLengths> SCRATCH = ThreadLocal.withInitial(() -> new RunLengths(1 << 12));

    private MaskApi() {
    }

    /** rleEncode: the Rle of {@code mask}, read in its own order (no transposed copy is made). */
    public static Rle encode(Mask mask) {
        return encode(mask, 0, 0, mask.h(), mask.w());
    }

    /**
     * rleEncode of an h×w image that is background except for {@code mask}, whose top-left pixel is
     * at column x0, row y0: what {@code encode} gives for that whole image, without making it. The
     * mask is read in its own order (no transposed copy), so a cut-out of a large image costs its own
     * size plus its runs. The mask must lie inside the image.
     */
    public static Rle encode(Mask mask, int x0, int y0, int h, int w) {
        Mask.checkedPixels(h, w);
        if (x0 < 0 || y0 < 0 || (long) x0 + mask.w() > w || (long) y0 + mask.h() > h) {
            throw new IllegalArgumentException("a " + mask.h() + "x" + mask.w() + " mask at x=" + x0 + ", y=" + y0
                    + " does not lie inside a " + h + "x" + w + " image");
        }
        RunLengths runs = SCRATCH.get();
        Kernels.encode(mask, runs);
        return Rle.trusted(h, w, WindowRuns.place(runs.array(), runs.size(), mask.h(), mask.w(), x0, y0, h, w));
    }

    /**
     * One Rle per nonzero label of {@code labels}, found in a single pass: for every value v present,
     * what {@code encode(labels == v)} gives. Ascending by label (uint8/uint16 labels zero-extended).
     */
    public static SortedMap<Integer, Rle> encodeLabels(LabelMap labels) {
        LabelRuns runs = Kernels.encodeLabels(labels);
        SortedMap<Integer, Rle> out = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            out.put(runs.label(i), Rle.trusted(labels.h(), labels.w(), runs.counts(i)));
        }
        return out;
    }

    /** rleDecode into a caller's mask of the same size, in the mask's own order. */
    public static void decode(Rle rle, Mask out) {
        if (out.h() != rle.h() || out.w() != rle.w()) {
            throw new IllegalArgumentException("cannot decode a " + rle.h() + "x" + rle.w() + " RLE into a "
                    + out.h() + "x" + out.w() + " mask");
        }
        Kernels.decode(rle.countsView(), rle.runs(), out);
    }

    /** rleDecode into a new mask allocated in {@code arena}. */
    public static Mask decode(Rle rle, Arena arena, Order order) {
        Mask out = Mask.allocate(arena, rle.h(), rle.w(), order);
        decode(rle, out);
        return out;
    }

    /** rleArea: the number of foreground pixels (the sum of the odd runs). */
    public static long area(Rle rle) {
        int[] cnts = rle.countsView();
        long a = 0;
        for (int i = 1; i < cnts.length; i += 2) {
            a += Integer.toUnsignedLong(cnts[i]);
        }
        return a;
    }

    /**
     * rleToBbox: the box [x, y, w, h] around the foreground; [0,0,0,0] for an empty mask. A run
     * that crosses into the next column covers the full column height in between.
     */
    public static Bbox toBbox(Rle rle) {
        return toBbox(rle.countsView(), rle.runs(), rle.h());
    }

    /** rleToBbox of the counts {@code cnts[0..runs)} of a mask of height h. */
    static Bbox toBbox(int[] cnts, int runs, long h) {
        int m = runs & ~1;
        long xs = Long.MAX_VALUE, ys = Long.MAX_VALUE, xe = -1, ye = -1;
        long at = 0;
        ColumnCursor columns = new ColumnCursor(h);
        for (int j = 0; j < m; j += 2) {
            at += Integer.toUnsignedLong(cnts[j]);
            long run = Integer.toUnsignedLong(cnts[j + 1]);
            if (run == 0) {
                continue;
            }
            long first = at;
            long last = at + run - 1;
            at += run;
            long x0 = columns.of(first), y0 = first - x0 * h;
            long x1 = columns.of(last), y1 = last - x1 * h;
            xs = Math.min(xs, x0);
            xe = Math.max(xe, x1);
            if (x0 != x1) {
                ys = 0;
                ye = h - 1;
            } else {
                ys = Math.min(ys, y0);
                ye = Math.max(ye, y1);
            }
        }
        if (xe < 0) {
            return Bbox.EMPTY;
        }
        return new Bbox(xs, ys, xe - xs + 1, ye - ys + 1);
    }

    /**
     * rleMerge: the union ({@code intersect} false) or intersection of {@code rles}, folded left to
     * right. No input gives {@link Rle#none()}, and so do inputs of different sizes, as in pycocotools.
     */
    public static Rle merge(List<Rle> rles, boolean intersect) {
        if (rles.isEmpty()) {
            return Rle.none();
        }
        if (rles.size() == 1) {
            return rles.get(0); // rleMerge copies it; an Rle is immutable
        }
        Rle acc = rles.get(0);
        long runs = 0;
        boolean canonical = true;
        for (Rle b : rles) {
            if (b.h() != acc.h() || b.w() != acc.w()) {
                return Rle.none();
            }
            runs += b.runs();
            canonical &= withoutEmptyRuns(b.countsView());
        }
        long pixels = (long) acc.h() * acc.w();
        if (rles.size() > 2 && canonical && pixels <= BITMAP_PIXELS_PER_RUN * runs) {
            return mergeInBits(rles, intersect, pixels);
        }
        RunLengths out = SCRATCH.get();
        for (int i = 1; i < rles.size(); i++) {
            mergeTwo(acc.countsView(), rles.get(i).countsView(), intersect, out);
            acc = Rle.trusted(acc.h(), acc.w(), out.toArray());
        }
        return acc;
    }

    /**
     * Above this many pixels per input run, {@link #merge} folds pairwise; below, one bitmap of the mask
     * (a word per 64 pixels, so at most 4 words a run) costs less than walking the growing result again
     * for every input (10 blob masks of 480×640: 307,200 pixels, ~3,500 runs).
     */
    private static final long BITMAP_PIXELS_PER_RUN = 256;
    private static final ThreadLocal<long[][]> BITS = ThreadLocal.withInitial(() -> new long[1][0]);

    /** No empty run after the first: then the pairwise fold gives the canonical runs of the union (intersection). */
    private static boolean withoutEmptyRuns(int[] cnts) {
        for (int i = 1; i < cnts.length; i++) {
            if (cnts[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #merge} of inputs without empty runs, as the pairwise fold gives it (the canonical runs of
     * the result): every input's foreground (union) or background (intersection) marked in one bitmap of
     * the mask, column-major, whose value changes are then the result's runs.
     */
    private static Rle mergeInBits(List<Rle> rles, boolean intersect, long pixels) {
        int words = (int) ((pixels + 63) >>> 6);
        long[][] held = BITS.get();
        if (held[0].length < words) {
            held[0] = new long[words];
        }
        long[] bits = held[0];
        Arrays.fill(bits, 0, words, intersect ? -1L : 0L);
        for (Rle rle : rles) {
            mark(bits, rle.countsView(), intersect);
        }
        RunLengths out = SCRATCH.get();
        runsOfBits(bits, words, pixels, out);
        return Rle.trusted(rles.get(0).h(), rles.get(0).w(), out.toArray());
    }

    /*
     * The two loops of mergeInBits are methods of their own, so that the JIT compiles each where it
     * gets hot; inline, a merge's long loops had mergeInBits compiled on-stack twice over besides
     * (~45 ms of C2 in a coco rle run of 200k annotations).
     */

    /** Marks the foreground (union) or background (intersection) of runs {@code cnts} in {@code bits}. */
    private static void mark(long[] bits, int[] cnts, boolean intersect) {
        long at = 0;
        for (int j = 0; j < cnts.length; j++) {
            long end = at + Integer.toUnsignedLong(cnts[j]);
            boolean foreground = (j & 1) == 1;
            if (foreground != intersect) {
                markRange(bits, at, end, !intersect);
            }
            at = end;
        }
    }

    /** The runs of the first {@code pixels} bits of {@code bits}: where their value changes. */
    private static void runsOfBits(long[] bits, int words, long pixels, RunLengths out) {
        out.clear();
        long before = 0;
        for (int i = 0; i < words; i++) {
            long word = bits[i];
            long changes = word ^ (word << 1 | before);
            before = word >>> 63;
            if (i == words - 1 && (pixels & 63) != 0) {
                changes &= (1L << (pixels & 63)) - 1;
            }
            out.transitions(changes, (long) i << 6);
        }
        out.finish(pixels);
    }

    /** Sets (or clears) the bits [from, to) of {@code bits}. */
    private static void markRange(long[] bits, long from, long to, boolean set) {
        if (from >= to) {
            return;
        }
        int first = (int) (from >>> 6), last = (int) ((to - 1) >>> 6);
        long head = -1L << (from & 63), tail = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            long m = head & tail;
            bits[first] = set ? bits[first] | m : bits[first] & ~m;
            return;
        }
        bits[first] = set ? bits[first] | head : bits[first] & ~head;
        Arrays.fill(bits, first + 1, last, set ? -1L : 0L);
        bits[last] = set ? bits[last] | tail : bits[last] & ~tail;
    }

    /** One step of rleMerge's walk over both run lists, zero-length runs included. */
    private static void mergeTwo(int[] a, int[] b, boolean intersect, RunLengths out) {
        out.clear();
        int ka = a.length, kb = b.length;
        long ca = ka > 0 ? Integer.toUnsignedLong(a[0]) : 0;
        long cb = kb > 0 ? Integer.toUnsignedLong(b[0]) : 0;
        boolean va = false, vb = false, v = false;
        int ia = 1, ib = 1;
        long cc = 0;
        long ct = 1;
        while (ct > 0) {
            long c = Math.min(ca, cb);
            cc += c;
            ct = 0;
            ca -= c;
            if (ca == 0 && ia < ka) {
                ca = Integer.toUnsignedLong(a[ia++]);
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && ib < kb) {
                cb = Integer.toUnsignedLong(b[ib++]);
                vb = !vb;
            }
            ct += cb;
            boolean vp = v;
            v = intersect ? va && vb : va || vb;
            if (v != vp || ct == 0) {
                out.add((int) cc);
                cc = 0;
            }
        }
    }

    /**
     * rleIou: {@code iou[d][g]} between every detection and ground truth, in the calling thread.
     * Pairs whose boxes do not overlap are 0 without a walk; pairs of different sizes whose boxes
     * overlap are −1. For a crowd ground truth the union is the detection's area.
     */
    public static double[][] iou(List<Rle> dt, List<Rle> gt, boolean[] iscrowd) {
        return iou(dt, gt, iscrowd, Runnable::run);
    }

    /**
     * {@link #iou(List, List, boolean[])} with the detection rows split across {@code executor}'s
     * threads (the caller's: the engine has no pool); the result is the same.
     */
    public static double[][] iou(List<Rle> dt, List<Rle> gt, boolean[] iscrowd, Executor executor) {
        return iou(dt.stream().map(Foreground::of).toArray(Foreground[]::new),
                gt.stream().map(Foreground::of).toArray(Foreground[]::new), iscrowd, executor);
    }

    /** {@link #iou(List, List, boolean[], Executor)} of masks already in interval form (batches keep them so). */
    public static double[][] iou(Foreground[] dt, Foreground[] gt, boolean[] iscrowd, Executor executor) {
        checkCrowd(gt.length, iscrowd);
        double[][] o = new double[dt.length][];
        Chunks rows = iouRowChunks(dt.length);
        rows.forEach(executor, c -> iouRows(o, dt, gt, iscrowd, rows.start(c), rows.start(c + 1)));
        return o;
    }

    /**
     * The chunks in which to compute {@code dts} rows of an IoU matrix: a row costs as many mask
     * walks as boxes overlap its box, so rows differ a lot, and small chunks even the threads out.
     */
    public static Chunks iouRowChunks(int dts) {
        return Chunks.of(dts, 16);
    }

    /**
     * The rows [from, to) of {@link #iou(Foreground[], Foreground[], boolean[], Executor)}, each
     * allocated here as {@code o[d]}, for callers that fill the matrix on their own threads (rows are
     * independent); {@code iscrowd} must have passed {@link #checkCrowd}. The box IoUs are computed
     * here, in the rows' threads, so no serial pass over the boxes is left, and each row is allocated
     * by the thread that writes it (no serial zeroing of the matrix, no rows of two threads sharing
     * a cache line).
     */
    public static void iouRows(double[][] o, Foreground[] dt, Foreground[] gt, boolean[] iscrowd, int from, int to) {
        Bbox[] boxes = new Bbox[gt.length];
        for (int g = 0; g < gt.length; g++) {
            boxes[g] = gt[g].bbox();
        }
        for (int d = from; d < to; d++) {
            o[d] = new double[gt.length];
            bbIouRow(o[d], dt[d].bbox(), boxes, iscrowd);
            Foreground.maskIouRow(o[d], dt[d], gt, iscrowd);
        }
    }

    /** bbIou: {@code iou[d][g]} between boxes, with pycocotools' floating-point order of operations. */
    public static double[][] bbIou(List<Bbox> dt, List<Bbox> gt, boolean[] iscrowd) {
        checkCrowd(gt.size(), iscrowd);
        Bbox[] boxes = gt.toArray(Bbox[]::new);
        double[][] o = new double[dt.size()][boxes.length];
        for (int d = 0; d < o.length; d++) {
            bbIouRow(o[d], dt.get(d), boxes, iscrowd);
        }
        return o;
    }

    /** One detection's row of {@link #bbIou}: {@code row[g]} set where the boxes overlap, left as it is elsewhere. */
    static void bbIouRow(double[] row, Bbox db, Bbox[] gt, boolean[] iscrowd) {
        double da = db.w() * db.h();
        for (int g = 0; g < gt.length; g++) {
            Bbox gb = gt[g];
            double w = Math.min(db.x() + db.w(), gb.x() + gb.w()) - Math.max(db.x(), gb.x());
            if (w <= 0) {
                continue;
            }
            double h = Math.min(db.y() + db.h(), gb.y() + gb.h()) - Math.max(db.y(), gb.y());
            if (h <= 0) {
                continue;
            }
            double i = w * h;
            double u = iscrowd != null && iscrowd[g] ? da : da + gb.w() * gb.h() - i;
            row[g] = i / u;
        }
    }

    /** Refuses crowd flags (null: none) that are not one per ground truth. */
    public static void checkCrowd(int gts, boolean[] iscrowd) {
        if (iscrowd != null && iscrowd.length != gts) {
            throw new IllegalArgumentException("iscrowd has " + iscrowd.length + " flags for " + gts + " ground truths");
        }
    }

    /** rleFrBbox: the box as the polygon (xs,ys),(xs,ye),(xe,ye),(xe,ys), rasterised by {@link #frPoly}. */
    public static Rle frBbox(Bbox bb, int h, int w) {
        double xs = bb.x(), ys = bb.y(), xe = xs + bb.w(), ye = ys + bb.h();
        return frPoly(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, h, w);
    }

    /**
     * rleFrPoly: the mask of one polygon given as x0,y0,x1,y1,… (an odd trailing value is ignored),
     * rasterised exactly as pycocotools does. Fewer than 3 points give an empty mask; a non-finite
     * coordinate is refused.
     */
    public static Rle frPoly(double[] xy, int h, int w) {
        return PolygonRaster.rasterise(xy, h, w);
    }
}
