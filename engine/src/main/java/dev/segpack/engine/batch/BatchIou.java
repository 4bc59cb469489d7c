package dev.segpack.engine.batch;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.MaskApi;
import java.util.concurrent.Executor;

/**
 * The IoU matrix of two batches: their masks are turned into {@link Foreground} intervals, each mask
 * once, then the rows are computed as {@link MaskApi#iou(Foreground[], Foreground[], boolean[], Executor)}
 * computes them, both parts in one hand-off to the executor's threads.
 */
final class BatchIou {

    private BatchIou() {
    }

    static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, Executor executor) {
        MaskApi.checkCrowd(gt.size(), iscrowd);
        Foreground[] d = new Foreground[dt.size()];
        Foreground[] g = dt == gt ? d : new Foreground[gt.size()];
        double[][] o = new double[d.length][];
        // A batch against itself is built only once: at 100x100 the interval forms are a third of
        // the work. Every thread goes from the forms to the rows once all forms are built, without a
        // return to the caller and a second hand-off to the workers in between; small chunks of
        // forms, so that the threads run out of them at about the same time.
        Chunks forms = Chunks.of(d.length + (g == d ? 0 : g.length), 16);
        Chunks rows = MaskApi.iouRowChunks(d.length);
        forms.forEachThen(executor, c -> {
            int[] scratch = new int[64];
            for (int i = forms.start(c), end = forms.start(c + 1); i < end; i++) {
                boolean ofDt = i < d.length;
                RleBatch batch = ofDt ? dt : gt;
                int k = ofDt ? i : i - d.length;
                scratch = batch.copyRuns(k, scratch);
                (ofDt ? d : g)[k] = Foreground.of(batch.h(k), batch.w(k), scratch, batch.runs(k));
            }
        }, rows, c -> MaskApi.iouRows(o, d, g, iscrowd, rows.start(c), rows.start(c + 1)));
        return o;
    }
}
