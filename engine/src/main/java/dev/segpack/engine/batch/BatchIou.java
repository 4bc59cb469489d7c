package dev.segpack.engine.batch;

import dev.segpack.engine.rle.Foreground;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The IoU matrix of two batches: their masks are turned into {@link Foreground} intervals in
 * parallel, then the pairs whose boxes overlap are computed exactly as {@link dev.segpack.engine.rle.MaskApi#iou} does.
 */
final class BatchIou {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private BatchIou() {
    }

    static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, BatchExecutor executor) {
        Foreground[] d = foregrounds(dt, executor);
        Foreground[] g = foregrounds(gt, executor);
        double[][] o = Foreground.boxIou(d, g, iscrowd);
        int chunks = executor.chunks(d.length);
        executor.forEachChunk(chunks, c -> {
            for (int i = BatchExecutor.chunkStart(c, chunks, d.length), end = BatchExecutor.chunkStart(c + 1, chunks,
                    d.length); i < end; i++) {
                Foreground.maskIouRow(o[i], d[i], g, iscrowd);
            }
        });
        return o;
    }

    /** Every mask of the batch in interval form, built in parallel. */
    private static Foreground[] foregrounds(RleBatch batch, BatchExecutor executor) {
        Foreground[] out = new Foreground[batch.size()];
        int chunks = executor.chunks(out.length);
        executor.forEachChunk(chunks, c -> {
            int[] scratch = new int[64];
            for (int i = BatchExecutor.chunkStart(c, chunks, out.length), end = BatchExecutor.chunkStart(c + 1, chunks,
                    out.length); i < end; i++) {
                int m = batch.runs(i);
                if (m > scratch.length) {
                    scratch = new int[Math.max(m, 2 * scratch.length)];
                }
                MemorySegment.copy(batch.segment(), U32, 4 * batch.firstRun(i), scratch, 0, m);
                out[i] = Foreground.of(batch.h(i), batch.w(i), scratch, m);
            }
        });
        return out;
    }
}
