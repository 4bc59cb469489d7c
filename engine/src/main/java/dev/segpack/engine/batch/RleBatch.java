package dev.segpack.engine.batch;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.RunLengths;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Many COCO RLEs held off-heap without an object per mask: the runs of all masks back to back in
 * one segment of uint32 values, with each mask's first run, run count and size in arrays. The batch
 * owns its memory (a shared arena, so any thread may read it) until {@link #close()}.
 *
 * <p>Batch layouts of dense masks: n masks of h×w stored one after the other, each in the given
 * order. With {@link Order#ROW_MAJOR} that is numpy's [n, h, w] C-order array; with
 * {@link Order#COLUMN_MAJOR} it is the [h, w, n] Fortran-order array that pycocotools' encode
 * takes. The operations run on the caller's executor ({@code Runnable::run}: the calling thread);
 * results never depend on its thread count.
 */
public final class RleBatch implements AutoCloseable {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private final Arena arena;
    private final MemorySegment counts;
    private final long[] firstRun;
    private final int[] runs;
    private final int[] hs;
    private final int[] ws;

    private RleBatch(Arena arena, MemorySegment counts, long[] firstRun, int[] runs, int[] hs, int[] ws) {
        this.arena = arena;
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
        int[] runs = new int[n];
        Chunks chunks = Chunks.of(n);
        int[][] chunkRuns = new int[chunks.count()][];
        chunks.forEach(executor, c -> {
            checkReadable(masks, "the masks segment");
            RunLengths one = new RunLengths(1 << 10);
            int[] all = new int[1 << 10];
            int size = 0;
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                Kernels.encode(new Mask(masks.asSlice(pixels * i, pixels), h, w, order), one);
                if (size + one.size() > all.length) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, size + one.size()));
                }
                System.arraycopy(one.array(), 0, all, size, one.size());
                size += one.size();
                runs[i] = one.size();
            }
            chunkRuns[c] = Arrays.copyOf(all, size);
        });
        int[] hs = new int[n];
        int[] ws = new int[n];
        Arrays.fill(hs, h);
        Arrays.fill(ws, w);
        RleBatch batch = allocate(runs, hs, ws);
        try {
            chunks.forEach(executor, c -> MemorySegment.copy(chunkRuns[c], 0, batch.counts, U32,
                    4 * batch.firstRun[chunks.start(c)], chunkRuns[c].length));
        } catch (RuntimeException e) {
            batch.close();
            throw e;
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
            MemorySegment.copy(c, 0, batch.counts, U32, 4 * batch.firstRun[i], c.length);
        }
        return batch;
    }

    private static RleBatch allocate(int[] runs, int[] hs, int[] ws) {
        long[] firstRun = new long[runs.length + 1];
        for (int i = 0; i < runs.length; i++) {
            firstRun[i + 1] = firstRun[i] + runs[i];
        }
        Arena arena = Arena.ofShared();
        MemorySegment counts = arena.allocate(Math.max(4, 4 * firstRun[runs.length]), 64);
        return new RleBatch(arena, counts, firstRun, runs, hs, ws);
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
                if (runs[i] > scratch.length) {
                    scratch = new int[Math.max(runs[i], scratch.length * 2)];
                }
                MemorySegment.copy(counts, U32, 4 * firstRun[i], scratch, 0, runs[i]);
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
        return Integer.toUnsignedLong(counts.getAtIndex(U32, firstRun[i] + k));
    }

    /** All runs of all masks (native-order uint32), read-only. */
    public MemorySegment counts() {
        return counts.asSlice(0, 4 * firstRun[runs.length]).asReadOnly();
    }

    /** Mask {@code i} as an Rle (a copy of its runs). */
    public Rle get(int i) {
        int[] c = new int[runs[i]];
        MemorySegment.copy(counts, U32, 4 * firstRun[i], c, 0, c.length);
        return Rle.of(hs[i], ws[i], c);
    }

    /** rleArea of mask {@code i}, from its runs. */
    public long area(int i) {
        long a = 0;
        for (int k = 1; k < runs[i]; k += 2) {
            a += Integer.toUnsignedLong(counts.getAtIndex(U32, firstRun[i] + k));
        }
        return a;
    }

    /** rleToBbox of mask {@code i}, from its runs. */
    public Bbox toBbox(int i) {
        return MaskApi.toBbox(get(i));
    }

    MemorySegment segment() {
        return counts;
    }

    @Override
    public void close() {
        arena.close();
    }
}
