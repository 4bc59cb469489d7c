package dev.segpack.engine.simd;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The kernels without the Vector API: plain Java loops, a pixel or a word of eight at a time, which a JVM
 * started without the incubator module runs (the command line's). Tests hold both kernels to the plain
 * definitions in their TestMasks.
 */
final class ScalarMaskKernels implements MaskKernels {

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfLong U64_LE = U64.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Eight bytes of a byte[] as one long, as {@link #U64_LE} reads a segment. */
    private static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Words of eight bytes: each 1, each 0x7F, each 0x80. */
    private static final long ONES = 0x0101010101010101L, LOW7 = 0x7F7F7F7F7F7F7F7FL, HIGH = 0x8080808080808080L;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Values {@link #fillValues} writes one by one before it copies. */
    private static final long FILL_SEED = 32;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void encode(Mask mask, RunLengths out) {
        MemorySegment data = mask.data();
        if (mask.order() == Order.ROW_MAJOR) {
            RowMajorRuns.encode(data, mask.h(), mask.w(), out, ScalarMaskKernels::nonzeroBits);
            return;
        }
        out.clear();
        long n = mask.pixels();
        boolean previous = false;
        long p = 0;
        for (; p + 8 <= n; p += 8) {
            // 8 pixels at once: skipped when they all continue the current run
            long eight = data.get(U64, p);
            if (previous ? nonzeroHighBits(eight) == HIGH : eight == 0) {
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
        out.finish(n);
    }

    /** {@link RowMajorRuns.Bits} eight bytes at a time: a column-major walk of a row-major mask took 2.3 ns a pixel. */
    static long nonzeroBits(MemorySegment data, long offset, int count) {
        long bits = 0;
        int k = 0;
        for (; k + 8 <= count; k += 8) {
            bits |= nonzeroBytes(data.get(U64_LE, offset + k)) << k;
        }
        for (; k < count; k++) {
            bits |= data.get(U8, offset + k) != 0 ? 1L << k : 0;
        }
        return bits;
    }

    /**
     * Bit i set where byte i of {@code x} (little-endian) is nonzero: the bytes' high bits
     * ({@link #nonzeroHighBits}) gathered into the top byte by one multiplication, whose partial products
     * land on distinct bits.
     */
    static long nonzeroBytes(long x) {
        return (nonzeroHighBits(x) >>> 7) * 0x0102040810204080L >>> 56;
    }

    /** Bit 7 of each byte of {@code x} set where the byte is nonzero, every other bit clear: its low 7 bits plus 127 carry into bit 7 (and no further) unless they are 0. */
    static long nonzeroHighBits(long x) {
        return ((x & LOW7) + LOW7 | x) & HIGH;
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
        return LabelRunScan.encode(labels, ScalarMaskKernels::labelChanges);
    }

    /** {@link LabelRunScan.Changes} a word at a time: eight 8-bit labels, else one label per compare without a branch. */
    static long labelChanges(MemorySegment data, LabelType type, long a, long b) {
        long bits = 0;
        switch (type) {
            case UINT8 -> {
                for (int k = 0; k < 64; k += 8) {
                    bits |= nonzeroBytes(data.get(U64_LE, a + k) ^ data.get(U64_LE, b + k)) << k;
                }
            }
            case UINT16 -> {
                for (int k = 0; k < 64; k++) {
                    bits |= data.get(U16, (a + k) * 2) != data.get(U16, (b + k) * 2) ? 1L << k : 0;
                }
            }
            case INT32 -> {
                for (int k = 0; k < 64; k++) {
                    bits |= data.get(I32, (a + k) * 4) != data.get(I32, (b + k) * 4) ? 1L << k : 0;
                }
            }
        }
        return bits;
    }

    @Override
    public void threshold(MemorySegment gray, long n, int threshold, MemorySegment out) {
        long i = 0;
        if (threshold >= 0 && threshold < 255) {
            // a byte b > t: b's low 7 bits plus 127 - (t's) carry into bit 7 exactly when they exceed t's
            // (no carry leaves the byte), then b's own bit 7 decides: it is enough below 128, needed above
            long add = (127 - (threshold & 0x7F)) * ONES;
            boolean below128 = threshold < 128;
            for (; i + 8 <= n; i += 8) {
                long x = gray.get(U64_LE, i);
                long lowAbove = ((x & LOW7) + add) & HIGH;
                long high = x & HIGH;
                out.set(U64_LE, i, (below128 ? lowAbove | high : lowAbove & high) >>> 7);
            }
        }
        for (; i < n; i++) {
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
        long count = 0;
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            count += Long.bitCount(nonzeroHighBits(data.get(U64_LE, i)));
        }
        for (; i < n; i++) {
            count += data.get(U8, i) != 0 ? 1 : 0;
        }
        return count;
    }

    @Override
    public void fill(MemorySegment data, long from, long count, int bytes, int value) {
        fillValues(data, from, count, bytes, value);
    }

    /**
     * {@link #fill}: the first values one by one, then the rest by copying what is written onto what follows,
     * doubling each time (bulk copies, fast even before the JIT compiles this); the vector kernel's tail.
     */
    static void fillValues(MemorySegment data, long from, long count, int bytes, int value) {
        long seeded = Math.min(count, FILL_SEED);
        for (long i = 0; i < seeded; i++) {
            switch (bytes) {
                case 1 -> data.set(U8, from + i, (byte) value);
                case 2 -> data.set(U16, from + 2 * i, (short) value);
                default -> data.set(I32, from + 4 * i, value);
            }
        }
        long written = seeded * bytes, total = count * bytes;
        while (written < total) {
            long n = Math.min(written, total - written);
            MemorySegment.copy(data, from, data, from + written, n);
            written += n;
        }
    }

    @Override
    public void paintPose(int[][] instances, int[] crowd, int[] unannotated, int h, int w, PoseEncoding encoding,
            MemorySegment out) {
        paintPoseRuns(instances, crowd, unannotated, h, w, encoding, out);
    }

    /**
     * Paints the instances last to first, so that the first instance covering a pixel is the one
     * left there, then sets the flag bits over the crowd and unannotated runs.
     */
    static void paintPoseRuns(int[][] instances, int[] crowd, int[] unannotated, int h, int w, PoseEncoding encoding,
            MemorySegment out) {
        boolean wide = encoding == PoseEncoding.WIDE;
        out.asSlice(0, encoding.imageBytes(h, w)).fill((byte) 0);
        for (int k = instances.length - 1; k >= 0; k--) {
            paintRuns(instances[k], h, w, wide, out, k + 1, false);
        }
        paintRuns(crowd, h, w, wide, out, encoding.crowdBit, true);
        paintRuns(unannotated, h, w, wide, out, encoding.unannotatedBit, true);
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
                        // a little-endian uint16 as two bytes: C1, which short runs rely on, compiles
                        // an unaligned 16-bit access of a segment to a call that assembles it bytewise
                        out.set(U8, 2 * r, (byte) ((or ? out.get(U8, 2 * r) : 0) | value));
                        out.set(U8, 2 * r + 1, (byte) ((or ? out.get(U8, 2 * r + 1) : 0) | value >>> 8));
                    } else {
                        out.set(U8, r, (byte) ((or ? out.get(U8, r) : 0) | value));
                    }
                }
                p += rows;
            }
            at = end;
        }
    }

    @Override
    public void interleavePose(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored) {
        interleavePosePixels(bgr, pose, pixels, encoding, stored);
    }

    /** {@link #interleavePose}; the vector kernel finishes its tail with it. */
    static void interleavePosePixels(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored) {
        // row-sized heap buffers: plain array loops compile early (C1 too), so short runs are fast
        int chunk = (int) Math.min(1 << 14, pixels);
        byte[] in = new byte[3 * chunk];
        byte[] p = new byte[encoding.bytes * chunk];
        byte[] o = new byte[4 * encoding.bytes * chunk];
        for (long at = 0; at < pixels; at += chunk) {
            int n = (int) Math.min(chunk, pixels - at);
            MemorySegment.copy(bgr, U8, 3 * at, in, 0, 3 * n);
            MemorySegment.copy(pose, U8, encoding.bytes * at, p, 0, encoding.bytes * n);
            if (encoding == PoseEncoding.NARROW) {
                interleaveNarrow(in, p, o, n);
            } else {
                interleaveWide(in, p, o, n);
            }
            MemorySegment.copy(o, 0, stored, U8, 4 * encoding.bytes * at, 4 * encoding.bytes * n);
        }
    }

    private static void interleaveNarrow(byte[] bgr, byte[] pose, byte[] out, int n) {
        for (int i = 0, j = 0, k = 0; i < n; i++, j += 3, k += 4) {
            out[k] = bgr[j];
            out[k + 1] = bgr[j + 1];
            out[k + 2] = bgr[j + 2];
            out[k + 3] = pose[i];
        }
    }

    /**
     * B, G, R widened and the pose value, each a little-endian uint16 (the pose's bytes are already). The
     * high bytes of B, G and R are left as they are: zero in a new array, and no call writes them.
     */
    private static void interleaveWide(byte[] bgr, byte[] pose, byte[] out, int n) {
        for (int i = 0, j = 0, k = 0; i < n; i++, j += 3, k += 8) {
            out[k] = bgr[j];
            out[k + 2] = bgr[j + 1];
            out[k + 4] = bgr[j + 2];
            out[k + 6] = pose[2 * i];
            out[k + 7] = pose[2 * i + 1];
        }
    }

    @Override
    public void unpackPose(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        unpackPosePixels(stored, pixels, encoding, bgr, index, crowd, unannotated);
    }

    /** {@link #unpackPose}; the vector kernel finishes its tail with it. */
    static void unpackPosePixels(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        int bytes = encoding.bytes;
        for (long i = 0; i < pixels; i++) {
            long at = 4 * bytes * i;
            for (int c = 0; c < 3; c++) {
                bgr.set(U8, 3 * i + c, stored.get(U8, at + (long) bytes * c));
            }
            int p = bytes == 1 ? Byte.toUnsignedInt(stored.get(U8, at + 3))
                    : Short.toUnsignedInt(stored.get(U16, at + 6));
            if (bytes == 1) {
                index.set(U8, i, (byte) (p & encoding.indexMask));
            } else {
                index.set(U16, 2 * i, (short) (p & encoding.indexMask));
            }
            crowd.set(U8, i, (byte) ((p & encoding.crowdBit) != 0 ? 1 : 0));
            unannotated.set(U8, i, (byte) ((p & encoding.unannotatedBit) != 0 ? 1 : 0));
        }
    }

    @Override
    public void binarize(MemorySegment data, long offset, byte[] out, int outOffset, int n) {
        binarizeBytes(data, offset, out, outOffset, n);
    }

    /** {@link #binarize}; the vector kernel finishes its tail with it. */
    static void binarizeBytes(MemorySegment data, long offset, byte[] out, int outOffset, int n) {
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            LONGS_LE.set(out, outOffset + k, nonzeroHighBits(data.get(U64_LE, offset + k)) >>> 7);
        }
        for (; k < n; k++) {
            out[outOffset + k] = data.get(U8, offset + k) != 0 ? (byte) 1 : 0;
        }
    }

    @Override
    public int firstDifferent(byte[] data, int from, int to, byte value) {
        int i = from;
        long broadcast = (value & 0xFFL) * ONES;
        for (; i + 8 <= to; i += 8) {
            // the lowest set bit of the XOR is in the first byte that differs (little-endian)
            long differ = (long) LONGS_LE.get(data, i) ^ broadcast;
            if (differ != 0) {
                return i + (Long.numberOfTrailingZeros(differ) >>> 3);
            }
        }
        while (i < to && data[i] == value) {
            i++;
        }
        return i;
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

    @Override
    public void keypointRow(float[] plane, int row, float[] columns, int x0, int x1, float dy2, float sigmaSquared,
            float value) {
        for (int x = x0; x < x1; x++) {
            float exponent = -(columns[x] + dy2) / 2f / sigmaSquared;
            plane[row + x] = Math.max(plane[row + x], Float32Exp.exp(exponent) * value);
        }
    }

    @Override
    public void limbRow(float[] plane, int row, int x0, int x1, HeatmapLimb limb, float y, float toStartY,
            float toEndY) {
        for (int x = x0; x < x1; x++) {
            float toStart = limb.toStartX[x] + toStartY;
            float toEnd = limb.toEndX[x] + toEndY;
            float coeff = (toStart - toEnd + limb.lengthSquared) / 2f / limb.lengthSquared;
            // numpy sums mask * distance over the three cases (products with 0 keep NaN and inf as
            // there); the segment mask is 1 - bool - bool, an int64 array, which promotes the sum,
            // the exp and the product with the score to float64, rounded to float32 when stored
            float startWeight = coeff <= 0 ? 1f : 0f;
            float endWeight = coeff >= 1 ? 1f : 0f;
            double lineWeight = coeff <= 0 || coeff >= 1 ? 0 : 1;
            float lineX = limb.xs[x] - (limb.ax + coeff * limb.dirX);
            float lineY = y - (limb.ay + coeff * limb.dirY);
            float toLine = lineX * lineX + lineY * lineY;
            double d2 = (startWeight * toStart + endWeight * toEnd) + lineWeight * toLine;
            plane[row + x] = Math.max(plane[row + x], (float) (Math.exp(-d2 / 2. / limb.sigmaSquared) * limb.value));
        }
    }
}
