package dev.segpack.engine.rle;

import dev.segpack.engine.simd.RunLengths;
import java.util.Arrays;

/**
 * The COCO counts of an h×w canvas that is background except for an mh×mw window at (x0, y0),
 * made from the window's own counts in one pass over them: every foreground run of the window is
 * cut at the window's column ends and each piece moved to its canvas position (column x0 + col,
 * row y0 + row); pieces that meet in the canvas (a window as tall as the canvas) are joined again,
 * and the background in between, above, below and beside the window becomes the zero runs. Work
 * is proportional to the window's runs plus the columns its foreground runs cross.
 */
final class WindowRuns {

    private static final ThreadLocal<RunLengths> SCRATCH = ThreadLocal.withInitial(() -> new RunLengths(1 << 12));

    private WindowRuns() {
    }

    /** The canvas counts from {@code runs[0..n)}, the counts of the window; the window must fit the canvas. */
    static int[] place(int[] runs, int n, int mh, int mw, int x0, int y0, int h, int w) {
        if (mh == h && mw == w) {
            return Arrays.copyOf(runs, n);
        }
        RunLengths out = SCRATCH.get();
        out.clear();
        long emitted = 0;              // canvas pixels the counts in out cover
        long pendingStart = -1;        // the foreground run not yet written: [pendingStart, pendingEnd)
        long pendingEnd = -1;
        long at = 0;                   // window pixel where run k starts
        for (int k = 0; k < n; k++) {
            long end = at + Integer.toUnsignedLong(runs[k]);
            if ((k & 1) == 1) {
                for (long s = at; s < end; ) {
                    long col = s / mh;
                    long pieceEnd = Math.min(end, (col + 1) * mh);
                    long from = (x0 + col) * h + y0 + (s - col * mh);
                    if (from == pendingEnd) {
                        pendingEnd += pieceEnd - s;
                    } else {
                        if (pendingStart >= 0) {
                            out.add((int) (pendingStart - emitted));
                            out.add((int) (pendingEnd - pendingStart));
                            emitted = pendingEnd;
                        }
                        pendingStart = from;
                        pendingEnd = from + (pieceEnd - s);
                    }
                    s = pieceEnd;
                }
            }
            at = end;
        }
        if (pendingStart >= 0) {
            out.add((int) (pendingStart - emitted));
            out.add((int) (pendingEnd - pendingStart));
            emitted = pendingEnd;
        }
        long total = (long) h * w;
        if (emitted < total || out.size() == 0) {
            out.add((int) (total - emitted));
        }
        return out.toArray();
    }
}
