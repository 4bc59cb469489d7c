package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Plain Java loops without the Vector API, mostly one pixel at a time: the reference every other
 * implementation must equal, and the kernels of a JVM started without the incubator module.
 */
public final class ScalarMaskKernels implements MaskKernels {

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void encode(Mask mask, RunLengths out) {
        out.clear();
        MemorySegment data = mask.data();
        long n = mask.pixels();
        boolean previous = false;
        if (mask.order() == Order.COLUMN_MAJOR) {
            long p = 0;
            for (; p + 8 <= n; p += 8) {
                // 8 pixels at once: skipped when they all continue the current run
                long eight = data.get(U64, p);
                if (previous ? !hasZeroByte(eight) : eight == 0) {
                    continue;
                }
                for (long i = p; i < p + 8; i++) {
                    boolean v = data.get(U8, i) != 0;
                    if (v != previous) {
                        out.transitionAt(i);
                        previous = v;
                    }
                }
            }
            for (; p < n; p++) {
                boolean v = data.get(U8, p) != 0;
                if (v != previous) {
                    out.transitionAt(p);
                    previous = v;
                }
            }
        } else {
            int h = mask.h();
            int w = mask.w();
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    boolean v = data.get(U8, (long) y * w + x) != 0;
                    if (v != previous) {
                        out.transitionAt((long) x * h + y);
                        previous = v;
                    }
                }
            }
        }
        out.finish(n);
    }

    @Override
    public void decode(int[] counts, int m, Mask out) {
        KernelArgs.checkSum(counts, m, out.pixels(), "the decoded mask");
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
        data.asSlice(0, out.pixels()).fill((byte) 0);
        long at = 0;
        for (int i = 0; i < m; i++) {
            long run = Integer.toUnsignedLong(counts[i]);
            if ((i & 1) == 1) {
                setRun(data, at, at + run, out.h(), out.w(), (byte) 1);
            }
            at += run;
        }
    }

    @Override
    public LabelRuns encodeLabels(LabelMap labels) {
        LabelRunBuilder runs = new LabelRunBuilder(labels.type());
        long stride = labels.order() == Order.COLUMN_MAJOR ? 1 : labels.w();
        long step = labels.order() == Order.COLUMN_MAJOR ? labels.h() : 1;
        int previous = 0;
        long p = 0;
        for (long x = 0; x < labels.w(); x++) {
            for (long y = 0, i = x * step; y < labels.h(); y++, i += stride, p++) {
                int v = labels.getFlat(i);
                if (v != previous) {
                    runs.transition(p, previous, v);
                    previous = v;
                }
            }
        }
        return runs.finish(labels.pixels());
    }

    @Override
    public void argmax(List<Mask> planes, LabelMap out) {
        MemorySegment[] data = KernelArgs.checkArgmax(planes, out);
        for (long i = 0, n = out.pixels(); i < n; i++) {
            int best = 0;
            int index = 0;
            for (int k = 0; k < data.length; k++) {
                int v = Byte.toUnsignedInt(data[k].get(U8, i));
                if (v > best) {
                    best = v;
                    index = k + 1;
                }
            }
            out.setFlat(i, index);
        }
    }

    @Override
    public void packBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        KernelArgs.checkPack(in, out, rows, cols);
        long rowBytes = KernelArgs.packedRowBytes(cols);
        for (long r = 0; r < rows; r++) {
            for (long b = 0; b < rowBytes; b++) {
                int acc = 0;
                for (int bit = 0; bit < 8; bit++) {
                    long c = b * 8 + bit;
                    boolean one = c < cols && in.get(U8, r * cols + c) != 0;
                    acc = acc << 1 | (one ? 1 : 0);
                }
                out.set(U8, r * rowBytes + b, (byte) acc);
            }
        }
    }

    @Override
    public void unpackBits(MemorySegment in, long rows, int cols, MemorySegment out) {
        KernelArgs.checkPack(out, in, rows, cols);
        long rowBytes = KernelArgs.packedRowBytes(cols);
        for (long r = 0; r < rows; r++) {
            for (long c = 0; c < cols; c++) {
                int b = in.get(U8, r * rowBytes + (c >>> 3));
                out.set(U8, r * cols + c, (byte) ((b >>> (7 - (c & 7))) & 1));
            }
        }
    }

    @Override
    public void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        KernelArgs.requireBytes(gray, n, "the gray image");
        KernelArgs.requireBytes(out, n, "the thresholded mask");
        for (long i = 0; i < n; i++) {
            out.set(U8, i, (byte) (Byte.toUnsignedInt(gray.get(U8, i)) > threshold ? 1 : 0));
        }
    }

    @Override
    public long columnOverlap(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n) {
        return overlapColumns(aStart, aEnd, aFrom, bStart, bEnd, bFrom, n);
    }

    /** {@link #columnOverlap} as a plain loop; the vector kernel finishes its tail with it. */
    static long overlapColumns(int[] aStart, int[] aEnd, int aFrom, int[] bStart, int[] bEnd, int bFrom, int n) {
        long common = 0;
        for (int k = 0; k < n; k++) {
            common += Math.max(0, Math.min(aEnd[aFrom + k], bEnd[bFrom + k]) - Math.max(aStart[aFrom + k], bStart[bFrom + k]));
        }
        return common;
    }

    @Override
    public long countNonzero(MemorySegment data, long n) {
        KernelArgs.requireBytes(data, n, "the mask");
        long count = 0;
        for (long i = 0; i < n; i++) {
            if (data.get(U8, i) != 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void packPose(MemorySegment index, MemorySegment crowd, MemorySegment unannotated, long n,
            MemorySegment out) {
        KernelArgs.requireBytes(index, n, "the index map");
        KernelArgs.requireBytes(crowd, n, "the crowd mask");
        KernelArgs.requireBytes(unannotated, n, "the unannotated mask");
        KernelArgs.requireBytes(out, n, "the packed pose image");
        for (long i = 0; i < n; i++) {
            int b = index.get(U8, i) & 0x3F;
            b |= crowd.get(U8, i) != 0 ? 0x40 : 0;
            b |= unannotated.get(U8, i) != 0 ? 0x80 : 0;
            out.set(U8, i, (byte) b);
        }
    }

    @Override
    public void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, boolean wide,
            MemorySegment out) {
        KernelArgs.checkPaintPose(instances, crowd, unannotated, h, w, wide, out);
        paintPoseRuns(instances, crowd, unannotated, h, w, wide, out);
    }

    /**
     * Paints the instances last to first, so that the first instance covering a pixel is the one
     * left there, then sets the flag bits over the crowd and unannotated runs.
     */
    static void paintPoseRuns(int[][] instances, int[] crowd, int[] unannotated, int h, int w, boolean wide,
            MemorySegment out) {
        int bytes = wide ? 2 : 1;
        out.asSlice(0, (long) h * w * bytes).fill((byte) 0);
        for (int k = instances.length - 1; k >= 0; k--) {
            paintRuns(instances[k], h, w, wide, out, k + 1, false);
        }
        paintRuns(crowd, h, w, wide, out, wide ? 1 << 14 : 1 << 6, true);
        paintRuns(unannotated, h, w, wide, out, wide ? 1 << 15 : 1 << 7, true);
    }

    private static void paintRuns(int[] counts, int h, int w, boolean wide, MemorySegment out, int value,
            boolean or) {
        long at = 0;
        for (int i = 0; i < counts.length; i++) {
            long end = at + Integer.toUnsignedLong(counts[i]);
            // a run is cut into column pieces; each piece is a strided walk down one column
            for (long p = (i & 1) == 1 ? at : end; p < end; ) {
                long x = p / h;
                long y = p - x * h;
                long rows = Math.min(h - y, end - p);
                for (long r = y * w + x, last = r + rows * w; r < last; r += w) {
                    if (wide) {
                        out.set(U16, 2 * r, (short) ((or ? out.get(U16, 2 * r) : 0) | value));
                    } else {
                        out.set(U8, r, (byte) ((or ? out.get(U8, r) : 0) | value));
                    }
                }
                p += rows;
            }
            at = end;
        }
    }

    /** Whether one of the 8 bytes of {@code x} is 0 (the classic carry trick, exact for every input). */
    private static boolean hasZeroByte(long x) {
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    /** Sets the column-major pixels [from, to) of a row-major h×w mask to {@code value}. */
    private static void setRun(MemorySegment rowMajor, long from, long to, long h, long w, byte value) {
        long x = from / h;
        long y = from - x * h;
        for (long p = from; p < to; p++) {
            rowMajor.set(U8, y * w + x, value);
            if (++y == h) {
                y = 0;
                x++;
            }
        }
    }
}
