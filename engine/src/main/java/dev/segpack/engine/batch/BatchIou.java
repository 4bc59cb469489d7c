package dev.segpack.engine.batch;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.MaskApi;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.Executor;

/**
 * The IoU matrix of two batches: their masks are turned into {@link Foreground} intervals in
 * parallel, each mask once, then {@link MaskApi#iou(Foreground[], Foreground[], boolean[], Executor)} computes the matrix.
 */
final class BatchIou {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private BatchIou() {
    }

    static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, Executor executor) {
        Foreground[] d = new Foreground[dt.size()];
        Foreground[] g = dt == gt ? d : new Foreground[gt.size()];
        // Both batches in one parallel pass (one hand-off to the workers, not two), and a batch
        // against itself only once: at 100x100 the interval forms are a third of the work.
        Chunks chunks = Chunks.of(d.length + (g == d ? 0 : g.length));
        chunks.forEach(executor, c -> {
            int[] scratch = new int[64];
            for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                boolean ofDt = i < d.length;
                RleBatch batch = ofDt ? dt : gt;
                int k = ofDt ? i : i - d.length;
                int m = batch.runs(k);
                if (m > scratch.length) {
                    scratch = new int[Math.max(m, 2 * scratch.length)];
                }
                MemorySegment.copy(batch.segment(), U32, 4 * batch.firstRun(k), scratch, 0, m);
                (ofDt ? d : g)[k] = Foreground.of(batch.h(k), batch.w(k), scratch, m);
            }
        });
        return MaskApi.iou(d, g, iscrowd, executor);
    }
}
