package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Argument checks shared by every kernel implementation, so that both refuse the same input. */
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

    static long packedRowBytes(int cols) {
        if (cols < 0) {
            throw new IllegalArgumentException("negative column count " + cols);
        }
        return (cols + 7L) >>> 3;
    }

    static void checkPack(MemorySegment unpacked, MemorySegment packed, long rows, int cols) {
        if (rows < 0) {
            throw new IllegalArgumentException("negative row count " + rows);
        }
        requireBytes(unpacked, Math.multiplyExact(rows, (long) cols), "the unpacked " + rows + "x" + cols + " array");
        requireBytes(packed, Math.multiplyExact(rows, packedRowBytes(cols)), "the packed " + rows + "x" + cols + " array");
    }

    static MemorySegment[] checkArgmax(List<Mask> planes, LabelMap out) {
        long limit = switch (out.type()) {
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case INT32 -> Integer.MAX_VALUE;
        };
        if (planes.size() > limit) {
            throw new IllegalArgumentException(planes.size() + " planes do not fit a " + out.type() + " index map");
        }
        MemorySegment[] data = new MemorySegment[planes.size()];
        for (int k = 0; k < data.length; k++) {
            Mask p = planes.get(k);
            if (p.h() != out.h() || p.w() != out.w() || p.order() != out.order()) {
                throw new IllegalArgumentException("plane " + k + " is " + p.h() + "x" + p.w() + " " + p.order()
                        + " but the index map is " + out.h() + "x" + out.w() + " " + out.order());
            }
            data[k] = p.data();
        }
        return data;
    }

    static void checkPaintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, boolean wide,
            MemorySegment out) {
        int limit = wide ? (1 << 14) - 1 : (1 << 6) - 1;
        if (instances.length > limit) {
            throw new IllegalArgumentException(instances.length + " instances do not fit the "
                    + (wide ? "14-bit index of the wide" : "6-bit index of the narrow") + " pose encoding (at most "
                    + limit + ")");
        }
        long pixels = (long) h * w;
        requireBytes(out, pixels * (wide ? 2 : 1), "the " + h + "x" + w + " pose image");
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
