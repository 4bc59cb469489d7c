package dev.segpack.engine.batch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * rleArea, rleToBbox and rleIou on runs stored in a segment, with the same arithmetic (and the same
 * floating-point order of operations) as {@link dev.segpack.engine.rle.MaskApi}, so that a batch
 * and a list of Rle objects give identical numbers.
 */
final class BatchIou {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;

    private BatchIou() {
    }

    static double[][] iou(RleBatch dt, RleBatch gt, boolean[] iscrowd, BatchExecutor executor) {
        if (iscrowd != null && iscrowd.length != gt.size()) {
            throw new IllegalArgumentException("iscrowd has " + iscrowd.length + " flags for " + gt.size()
                    + " ground truths");
        }
        double[] db = boxes(dt);
        double[] gb = boxes(gt);
        int nd = dt.size();
        int ng = gt.size();
        double[][] o = new double[nd][ng];
        int chunks = executor.chunks(nd);
        executor.forEachChunk(chunks, c -> {
            for (int d = BatchExecutor.chunkStart(c, chunks, nd), end = BatchExecutor.chunkStart(c + 1, chunks, nd);
                    d < end; d++) {
                for (int g = 0; g < ng; g++) {
                    boolean crowd = iscrowd != null && iscrowd[g];
                    double boxIou = boxIou(db, d, gb, g, crowd);
                    o[d][g] = boxIou > 0 ? maskIou(dt, d, gt, g, crowd) : boxIou;
                }
            }
        });
        return o;
    }

    /** bbIou of one pair: 0 unless the boxes overlap, with pycocotools' operation order. */
    private static double boxIou(double[] db, int d, double[] gb, int g, boolean crowd) {
        double dx = db[4 * d], dy = db[4 * d + 1], dw = db[4 * d + 2], dh = db[4 * d + 3];
        double gx = gb[4 * g], gy = gb[4 * g + 1], gw = gb[4 * g + 2], gh = gb[4 * g + 3];
        double da = dw * dh;
        double ga = gw * gh;
        double w = Math.min(dx + dw, gx + gw) - Math.max(dx, gx);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(dy + dh, gy + gh) - Math.max(dy, gy);
        if (h <= 0) {
            return 0;
        }
        double i = w * h;
        double u = crowd ? da : da + ga - i;
        return i / u;
    }

    private static double[] boxes(RleBatch batch) {
        double[] b = new double[4 * batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            bbox(batch.segment(), batch.firstRun(i), batch.runs(i), batch.h(i), b, 4 * i);
        }
        return b;
    }

    /** rleIou of one pair by walking both run lists; −1 for masks of different sizes. */
    private static double maskIou(RleBatch dt, int d, RleBatch gt, int g, boolean crowd) {
        if (dt.h(d) != gt.h(g) || dt.w(d) != gt.w(g)) {
            return -1;
        }
        MemorySegment a = dt.segment();
        MemorySegment b = gt.segment();
        long oa = dt.firstRun(d);
        long ob = gt.firstRun(g);
        int ka = dt.runs(d);
        int kb = gt.runs(g);
        long ca = ka > 0 ? run(a, oa) : 0;
        long cb = kb > 0 ? run(b, ob) : 0;
        boolean va = false, vb = false;
        int ia = 1, ib = 1;
        long i = 0, u = 0, ct = 1;
        while (ct > 0) {
            long c = Math.min(ca, cb);
            if (va || vb) {
                u += c;
                if (va && vb) {
                    i += c;
                }
            }
            ct = 0;
            ca -= c;
            if (ca == 0 && ia < ka) {
                ca = run(a, oa + ia++);
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && ib < kb) {
                cb = run(b, ob + ib++);
                vb = !vb;
            }
            ct += cb;
        }
        if (i == 0) {
            u = 1;
        } else if (crowd) {
            u = area(a, oa, ka);
        }
        return (double) i / (double) u;
    }

    static long area(MemorySegment counts, long first, int m) {
        long a = 0;
        for (int k = 1; k < m; k += 2) {
            a += run(counts, first + k);
        }
        return a;
    }

    /** rleToBbox into {@code out[at..at+4)} as x, y, w, h; [0,0,0,0] for an empty mask. */
    static void bbox(MemorySegment counts, long first, int runs, long h, double[] out, int at) {
        int m = runs & ~1;
        long xs = Long.MAX_VALUE, ys = Long.MAX_VALUE, xe = -1, ye = -1;
        long pos = 0;
        for (int j = 0; j < m; j += 2) {
            pos += run(counts, first + j);
            long run = run(counts, first + j + 1);
            if (run == 0) {
                continue;
            }
            long start = pos;
            long last = pos + run - 1;
            pos += run;
            long x0 = start / h, x1 = last / h;
            xs = Math.min(xs, x0);
            xe = Math.max(xe, x1);
            if (x0 != x1) {
                ys = 0;
                ye = h - 1;
            } else {
                ys = Math.min(ys, start % h);
                ye = Math.max(ye, last % h);
            }
        }
        if (xe >= 0) {
            out[at] = xs;
            out[at + 1] = ys;
            out[at + 2] = xe - xs + 1;
            out[at + 3] = ye - ys + 1;
        }
    }

    private static long run(MemorySegment counts, long index) {
        return Integer.toUnsignedLong(counts.getAtIndex(U32, index));
    }
}
