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
 * {@link StripCursor} marks; per row the layers present in the strip are blended into 64 bytes,
 * last instance first so that the first instance covering a pixel wins. The blending stays inside
 * one method: a vector returned from a method C2 did not inline would be boxed.
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
        int rowsPerLayer = h + 1;
        // marks[l * (h + 1) + y]: one column of words per layer, so that only the layers present in
        // a strip are read and cleared (an instance covers few strips of a large image)
        long[] marks = KernelScratch.get().words(rowsPerLayer * layers);
        Arrays.fill(marks, 0, rowsPerLayer * layers, 0);
        StripCursor[] cursors = new StripCursor[layers];
        for (int l = 0; l < n; l++) {
            cursors[l] = new StripCursor(instances[l], instances[l].length, h);
        }
        cursors[n] = new StripCursor(crowd, crowd.length, h);
        cursors[n + 1] = new StripCursor(unannotated, unannotated.length, h);
        byte crowdFlag = (byte) PoseEncoding.NARROW.crowdBit;
        byte unannotatedFlag = (byte) PoseEncoding.NARROW.unannotatedBit;
        int[] present = new int[layers];
        long[] rows = new long[layers];
        for (int x0 = 0; x0 < w; x0 += 64) {
            int width = Math.min(64, w - x0);
            int count = 0;
            for (int l = 0; l < layers; l++) {
                if (cursors[l].mark(x0, width, marks, l * rowsPerLayer)) {
                    present[count++] = l;
                }
            }
            int instancesPresent = count;
            while (instancesPresent > 0 && present[instancesPresent - 1] >= n) {
                instancesPresent--;
            }
            Arrays.fill(rows, 0);
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < count; i++) {
                    rows[i] ^= marks[present[i] * rowsPerLayer + y];
                }
                for (int k = 0; k < width; k += LANES) {
                    // instances last to first, so that the first covering a pixel is the one left;
                    // then the flags (present is ascending: crowd and unannotated come last)
                    ByteVector v = ByteVector.zero(BYTES);
                    for (int i = instancesPresent - 1; i >= 0; i--) {
                        long bits = rows[i] >>> k;
                        if (bits != 0) {
                            v = v.blend((byte) (present[i] + 1), VectorMask.fromLong(BYTES, bits));
                        }
                    }
                    for (int i = instancesPresent; i < count; i++) {
                        byte flag = present[i] == n ? crowdFlag : unannotatedFlag;
                        v = v.lanewise(VectorOperators.OR, flag, VectorMask.fromLong(BYTES, rows[i] >>> k));
                    }
                    VectorMask<Byte> valid = k + LANES <= width ? null : BYTES.indexInRange(k, width);
                    VectorBits.store(v, out, (long) y * w + x0 + k, valid);
                }
            }
            for (int i = 0; i < count; i++) {
                Arrays.fill(marks, present[i] * rowsPerLayer, (present[i] + 1) * rowsPerLayer, 0);
            }
        }
    }

}
