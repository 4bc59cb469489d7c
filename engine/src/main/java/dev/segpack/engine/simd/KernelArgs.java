package dev.segpack.engine.simd;

import java.lang.foreign.MemorySegment;

/** The argument checks of {@link Kernels}, made once there so that no implementation repeats them. */
final class KernelArgs {

    private KernelArgs() {
    }

    static void requireBytes(MemorySegment segment, long bytes, String what) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative length " + bytes + " for " + what);
        }
        if (segment.byteSize() < bytes) {
            throw new IllegalArgumentException(what + " needs " + bytes + " bytes but its segment has "
                    + segment.byteSize());
        }
    }

    static void checkPaintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w,
            PoseEncoding encoding, MemorySegment out) {
        if (instances.length > encoding.maxInstances) {
            throw new IllegalArgumentException(instances.length + " instances do not fit the " + encoding.indexBits
                    + "-bit index of the " + encoding.valueType() + " pose value (at most " + encoding.maxInstances
                    + ")");
        }
        long pixels = (long) h * w;
        requireBytes(out, encoding.imageBytes(h, w), "the " + h + "x" + w + " pose image");
        for (int i = 0; i < instances.length; i++) {
            checkSum(instances[i], instances[i].length, pixels, "instance " + i);
        }
        checkSum(crowd, crowd.length, pixels, "the crowd mask");
        checkSum(unannotated, unannotated.length, pixels, "the unannotated mask");
    }

    /** Runs must cover the output exactly: fewer would leave bytes unwritten, more would overrun. */
    static void checkSum(int[] counts, int m, long pixels, String what) {
        if (m < 0 || m > counts.length) {
            throw new IllegalArgumentException(m + " runs requested from an array of " + counts.length + " for " + what);
        }
        long sum = 0;
        for (int i = 0; i < m; i++) {
            sum += Integer.toUnsignedLong(counts[i]);
        }
        if (sum != pixels) {
            throw new IllegalArgumentException("the runs of " + what + " add up to " + sum + ", not " + pixels);
        }
    }
}
