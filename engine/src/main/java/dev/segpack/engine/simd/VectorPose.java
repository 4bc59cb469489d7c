package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.BYTES;
import static dev.segpack.engine.simd.VectorBits.LANES;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The narrow packed pose image straight from runs, row-major, in strips of 64 columns: every
 * instance, the crowd mask and the unannotated mask is a layer whose 64 bits per row come from
 * {@link StripCursor} marks; per row the layers are blended into 64 bytes, last instance first so
 * that the first instance covering a pixel wins.
 */
final class VectorPose {

    /** Most marks (8 bytes each) the strips may take per thread; larger inputs use the scalar loop. */
    static final int MAX_MARKS = 1 << 20;

    private VectorPose() {
    }

    static boolean fits(int instances, int h) {
        return (long) (h + 1) * (instances + 2) <= MAX_MARKS;
    }

    static void paint(int[][] instances, int[] crowd, int[] unannotated, int h, int w, MemorySegment out) {
        int n = instances.length;
        int layers = n + 2;
        long[] marks = KernelScratch.get().words((h + 1) * layers);
        StripCursor[] cursors = new StripCursor[layers];
        for (int l = 0; l < n; l++) {
            cursors[l] = new StripCursor(instances[l], instances[l].length, h);
        }
        cursors[n] = new StripCursor(crowd, crowd.length, h);
        cursors[n + 1] = new StripCursor(unannotated, unannotated.length, h);
        long[] rows = new long[layers];
        for (int x0 = 0; x0 < w; x0 += 64) {
            int width = Math.min(64, w - x0);
            Arrays.fill(marks, 0, (h + 1) * layers, 0);
            for (int l = 0; l < layers; l++) {
                cursors[l].mark(x0, width, marks, layers, l);
            }
            Arrays.fill(rows, 0);
            for (int y = 0; y < h; y++) {
                for (int l = 0, base = y * layers; l < layers; l++) {
                    rows[l] ^= marks[base + l];
                }
                for (int k = 0; k < width; k += LANES) {
                    VectorMask<Byte> valid = k + LANES <= width ? null : BYTES.indexInRange(k, width);
                    VectorBits.store(blend(rows, n, k), out, (long) y * w + x0 + k, valid);
                }
            }
        }
    }

    /** The packed bytes of lanes k.. of one row, from each layer's row bits. */
    private static ByteVector blend(long[] rows, int instances, int k) {
        ByteVector v = ByteVector.zero(BYTES);
        for (int l = instances - 1; l >= 0; l--) {
            if (rows[l] >>> k != 0) {
                v = v.blend((byte) (l + 1), VectorMask.fromLong(BYTES, rows[l] >>> k));
            }
        }
        return v.lanewise(VectorOperators.OR, (byte) 0x40, VectorMask.fromLong(BYTES, rows[instances] >>> k))
                .lanewise(VectorOperators.OR, (byte) 0x80, VectorMask.fromLong(BYTES, rows[instances + 1] >>> k));
    }
}
