package dev.segpack.engine.simd;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Plain Java loops: the reference every other implementation must equal. */
public final class ScalarMaskKernels implements MaskKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void encode(Mask mask, RunLengths out) {
        out.clear();
        MemorySegment data = mask.data();
        int h = mask.h();
        int w = mask.w();
        boolean previous = false;
        long run = 0;
        if (mask.order() == Order.COLUMN_MAJOR) {
            long n = mask.pixels();
            for (long i = 0; i < n; i++) {
                boolean v = data.get(ValueLayout.JAVA_BYTE, i) != 0;
                if (v != previous) {
                    out.add((int) run);
                    run = 0;
                    previous = v;
                }
                run++;
            }
        } else {
            for (int x = 0; x < w; x++) {
                for (long i = x, end = (long) h * w; i < end; i += w) {
                    boolean v = data.get(ValueLayout.JAVA_BYTE, i) != 0;
                    if (v != previous) {
                        out.add((int) run);
                        run = 0;
                        previous = v;
                    }
                    run++;
                }
            }
        }
        out.add((int) run);
    }

    @Override
    public void decode(int[] counts, int m, Mask out) {
        MemorySegment data = out.data();
        if (out.order() == Order.COLUMN_MAJOR) {
            long at = 0;
            for (int i = 0; i < m; i++) {
                long run = Integer.toUnsignedLong(counts[i]);
                data.asSlice(at, run).fill((byte) (i & 1));
                at += run;
            }
            return;
        }
        int h = out.h();
        int w = out.w();
        data.asSlice(0, out.pixels()).fill((byte) 0);
        long at = 0;
        for (int i = 0; i < m; i++) {
            long run = Integer.toUnsignedLong(counts[i]);
            if ((i & 1) == 1) {
                for (long j = at, end = at + run; j < end; j++) {
                    long x = j / h;
                    long y = j - x * h;
                    data.set(ValueLayout.JAVA_BYTE, y * w + x, (byte) 1);
                }
            }
            at += run;
        }
    }
}
