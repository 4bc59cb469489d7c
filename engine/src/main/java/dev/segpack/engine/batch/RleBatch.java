package dev.segpack.engine.batch;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.RunLengths;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Many COCO RLEs without an object per mask: the runs of all masks back to back in one int array
 * (uint32 values), with each mask's first run, run count and size in arrays. The array is on the
 * heap because a batch is often short-lived: a shared arena per batch (off-heap memory any worker
 * may read) cost more to open and close than encoding a hundred 480×640 masks' runs, since closing
 * it stops every thread of the JVM. A batch holds at most 2³¹ − 9 runs in all (the largest int array).
 *
 * <p>Batch layouts of dense masks: n masks of h×w stored one after the other, each in the given
 * order. With {@link Order#ROW_MAJOR} that is numpy's [n, h, w] C-order array; with
 * {@link Order#COLUMN_MAJOR} it is the [h, w, n] Fortran-order array that pycocotools' encode
 * takes. The operations run on the caller's executor ({@code Runnable::run}: the calling thread);
 * results never depend on its thread count.
 */
public final class RleBatch {

    private final int[] counts;
    private final int[] firstRun;
    private final int[] runs;
    private final int[] hs;
    private final int[] ws;

    private RleBatch(int[] counts, int[] firstRun, int[] runs, int[] hs, int[] ws) {
        this.counts = counts;
        this.firstRun = firstRun;
        this.runs = runs;
        this.hs = hs;
        this.ws = ws;
    }

    /** Encodes the {@code n} h×w masks of {@code masks} (see the class comment for the layout). */
    public static RleBatch encode(MemorySegment masks, int n, int h, int w, Order order, Executor executor) {
        if (n < 0) {
            throw new IllegalArgumentException("negative mask count " + n);
        }
        long pixels = Mask.checkedPixels(h, w);
        long bytes = Math.multiplyExact(pixels, (long) n);
        if (masks.byteSize() < bytes) {
            throw new IllegalArgumentException(n + " masks of " + h + "x" + w + " need " + bytes
                    + " bytes but the segment has " + masks.byteSize());
        }
        int[][] masksRuns = new int[n][];
        Chunks chunks = Chunks.of(n);
        chunks.forEach(executor, c -> {
            checkReadable(masks, "the masks segment");
            RunLengths one = new RunLengths(1 << 10);
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                Kernels.encode(new Mask(masks.asSlice(pixels * i, pixels), h, w, order), one);
                masksRuns[i] = one.toArray();
            }
        });
        int[] runs = new int[n];
        int[] hs = new int[n];
        int[] ws = new int[n];
        for (int i = 0; i < n; i++) {
            runs[i] = masksRuns[i].length;
        }
        Arrays.fill(hs, h);
        Arrays.fill(ws, w);
        RleBatch batch = allocate(runs, hs, ws);
        // in the calling thread: a copy of 2.4 KB a 480x640 blob mask costs less than a second hand-off
        for (int i = 0; i < n; i++) {
            System.arraycopy(masksRuns[i], 0, batch.counts, batch.firstRun[i], runs[i]);
        }
        return batch;
    }

    /** A batch holding copies of {@code rles}. */
    public static RleBatch of(List<Rle> rles) {
        int n = rles.size();
        int[] runs = new int[n];
        int[] hs = new int[n];
        int[] ws = new int[n];
        for (int i = 0; i < n; i++) {
            Rle r = rles.get(i);
            runs[i] = r.runs();
            hs[i] = r.h();
            ws[i] = r.w();
        }
        RleBatch batch = allocate(runs, hs, ws);
        for (int i = 0; i < n; i++) {
            int[] c = rles.get(i).counts();
            System.arraycopy(c, 0, batch.counts, batch.firstRun[i], c.length);
        }
        return batch;
    }

    /** A batch of masks with {@code runs[i]} runs each, their runs still to be written. */
    private static RleBatch allocate(int[] runs, int[] hs, int[] ws) {
        int[] firstRun = new int[runs.length + 1];
        long total = 0;
        for (int i = 0; i < runs.length; i++) {
            total += runs[i];
            if (total > Integer.MAX_VALUE - 8) { // the largest int array a JVM allocates
                throw new IllegalArgumentException("the masks up to mask " + i + " have " + total
                        + " runs in all, more than a batch holds (2^31 - 9); split them into several batches");
            }
            firstRun[i + 1] = (int) total;
        }
        return new RleBatch(new int[firstRun[runs.length]], firstRun, runs, hs, ws);
    }

    /** Refuses, in a chunk running on a worker, a segment of a confined arena the worker cannot touch. */
    private static void checkReadable(MemorySegment segment, String what) {
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalArgumentException(what + " belongs to a confined arena, which the executor's worker"
                    + " threads cannot read; allocate it in a shared, global or automatic arena, or run on the"
                    + " calling thread (Runnable::run)");
        }
    }

    /**
     * Decodes every mask into {@code out} as 0/1 bytes, n masks of h×w one after the other, each in
     * {@code order}. All masks of the batch must have the same size.
     */
    public void decode(MemorySegment out, Order order, Executor executor) {
        int n = size();
        if (n == 0) {
            return;
        }
        int h = hs[0];
        int w = ws[0];
        for (int i = 1; i < n; i++) {
            if (hs[i] != h || ws[i] != w) {
                throw new IllegalArgumentException("mask " + i + " is " + hs[i] + "x" + ws[i] + " but mask 0 is "
                        + h + "x" + w + "; a batch decodes into one array only when all masks share a size");
            }
        }
        long pixels = (long) h * w;
        long bytes = Math.multiplyExact(pixels, (long) n);
        if (out.byteSize() < bytes) {
            throw new IllegalArgumentException(n + " masks of " + h + "x" + w + " need " + bytes
                    + " bytes but the output segment has " + out.byteSize());
        }
        Chunks chunks = Chunks.of(n);
        chunks.forEach(executor, c -> {
            checkReadable(out, "the output segment");
            int[] scratch = new int[16];
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                scratch = copyRuns(i, scratch);
                Kernels.decode(scratch, runs[i], new Mask(out.asSlice(pixels * i, pixels), h, w, order));
            }
        });
    }

    /**
     * {@code iou[d][g]} between every mask of {@code dt} and of {@code gt}, exactly as
     * {@link dev.segpack.engine.rle.MaskApi#iou} gives it (box prefilter, −1 for overlapping boxes of
     * masks of different sizes, the detection's area as union for crowd ground truths), with the
     * detections split across the executor's threads.
     */
    public static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, Executor executor) {
        return BatchIou.iou(dt, gt, iscrowd, executor);
    }

    public int size() {
        return runs.length;
    }

    public int h(int i) {
        return hs[i];
    }

    public int w(int i) {
        return ws[i];
    }

    /** Number of runs of mask {@code i}. */
    public int runs(int i) {
        return runs[i];
    }

    /** Index (in uint32 values) of mask {@code i}'s first run in {@link #counts()}. */
    public long firstRun(int i) {
        return firstRun[i];
    }

    /** Run {@code k} of mask {@code i}, unsigned. */
    public long count(int i, int k) {
        return Integer.toUnsignedLong(counts[firstRun[i] + k]);
    }

    /** All runs of all masks (native-order uint32), read-only. */
    public MemorySegment counts() {
        return MemorySegment.ofArray(counts).asReadOnly();
    }

    /** Mask {@code i} as an Rle (a copy of its runs). */
    public Rle get(int i) {
        return Rle.of(hs[i], ws[i], Arrays.copyOfRange(counts, firstRun[i], firstRun[i + 1]));
    }

    /** rleArea of mask {@code i}, from its runs. */
    public long area(int i) {
        long a = 0;
        for (int k = firstRun[i] + 1; k < firstRun[i + 1]; k += 2) {
            a += Integer.toUnsignedLong(counts[k]);
        }
        return a;
    }

    /** rleToBbox of mask {@code i}, from its runs. */
    public Bbox toBbox(int i) {
        return MaskApi.toBbox(get(i));
    }

    /**
     * Mask {@code i}'s runs copied to {@code [0, runs(i))} of {@code scratch}, or of a larger array
     * when it is too short; returns the array written (the kernels read runs from index 0).
     */
    int[] copyRuns(int i, int[] scratch) {
        int m = runs[i];
        int[] out = m <= scratch.length ? scratch : new int[Math.max(m, 2 * scratch.length)];
        System.arraycopy(counts, firstRun[i], out, 0, m);
        return out;
    }
}
