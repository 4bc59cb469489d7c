package dev.segpack.engine.batch;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.MaskApi;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.Executor;

/**
 * The IoU matrix of two batches: their masks are turned into {@link Foreground} intervals in
 * parallel, then {@link MaskApi#iou(Foreground[], Foreground[], boolean[], Executor)} computes the matrix.
 */
final class BatchIou {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private BatchIou() {
    }

    static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, Executor executor) {
        return MaskApi.iou(foregrounds(dt, executor), foregrounds(gt, executor), iscrowd, executor);
    }

    /** Every mask of the batch in interval form, built in parallel. */
    private static Foreground[] foregrounds(RleBatch batch, Executor executor) {
        Foreground[] out = new Foreground[batch.size()];
        Chunks chunks = Chunks.of(out.length);
        chunks.forEach(executor, c -> {
            int[] scratch = new int[64];
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
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
