package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Both kernel implementations on random inputs, against the plain definition of each operation
 * (so that a bug both share is caught too). Sizes straddle the 64-pixel words and the vector
 * lengths.
 */
class KernelParityTest {

    private static final int TRIES = 200;

    @Property(tries = TRIES)
    void columnOverlapIsTheSumOfPerColumnOverlaps(@ForAll @IntRange(max = 300) int n, @ForAll @IntRange(max = 40) int aFrom,
            @ForAll @IntRange(max = 40) int bFrom, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[][] a = columns(r, aFrom + n), b = columns(r, bFrom + n);
        long expected = 0;
        for (int k = 0; k < n; k++) {
            long lo = Math.max(a[0][aFrom + k], b[0][bFrom + k]);
            long hi = Math.min(a[1][aFrom + k], b[1][bFrom + k]);
            expected += Math.max(0, hi - lo);
        }
        for (MaskKernels k : TestMasks.both()) {
            assertEquals(expected, k.columnOverlap(a[0], a[1], aFrom, b[0], b[1], bFrom, n), k.name());
        }
    }

    @Property(tries = TRIES)
    void fillSetsExactlyTheSpan(@ForAll @IntRange(min = 0, max = 2) int widthIndex, @ForAll @IntRange(max = 300) int from,
            @ForAll @IntRange(max = 700) int count, @ForAll int value) {
        int bytes = new int[] {1, 2, 4}[widthIndex];
        int size = (from + count + 9) * bytes;
        byte[] expected = new byte[size];
        java.util.Arrays.fill(expected, (byte) 0x5A);
        for (int i = 0; i < count; i++) {
            for (int b = 0; b < bytes; b++) {
                expected[(from + i) * bytes + b] = (byte) (value >>> (8 * b)); // little-endian
            }
        }
        for (MaskKernels k : TestMasks.both()) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment data = arena.allocate(size);
                data.fill((byte) 0x5A);
                k.fill(data, (long) from * bytes, count, bytes, value);
                assertArrayEquals(expected, data.toArray(ValueLayout.JAVA_BYTE), k.name() + " " + bytes + "-byte values");
            }
        }
    }

    /** Random one-interval columns, some empty (start == end == 0). */
    private static int[][] columns(java.util.Random r, int n) {
        int[] start = new int[n], end = new int[n];
        for (int k = 0; k < n; k++) {
            if (r.nextInt(4) > 0) {
                start[k] = r.nextInt(1000);
                end[k] = start[k] + 1 + r.nextInt(1000);
            }
        }
        return new int[][] {start, end};
    }

    @Property(tries = TRIES)
    void encodeAndDecode(@ForAll @IntRange(max = 130) int h, @ForAll @IntRange(max = 200) int w,
            @ForAll TestMasks.Kind kind, @ForAll long seed) {
        byte[] px = TestMasks.random(h, w, kind, seed);
        int[] expected = TestMasks.runs(px, h, w);
        byte[] binary = TestMasks.pixels(expected, h, w);
        RunLengths runs = new RunLengths(4);
        for (MaskKernels k : TestMasks.both()) {
            for (Order order : Order.values()) {
                k.encode(TestMasks.mask(px, h, w, order), runs);
                assertArrayEquals(expected, runs.toArray(), k.name() + " encode " + order);
                try (Arena arena = Arena.ofConfined()) {
                    Mask out = Mask.allocate(arena, h, w, order);
                    out.data().fill((byte) 7);
                    k.decode(expected, expected.length, out);
                    assertArrayEquals(binary, out.toArray(Order.ROW_MAJOR), k.name() + " decode " + order);
                }
            }
        }
    }

    @Property(tries = TRIES)
    void labelMapGivesOneRunListPerLabel(@ForAll @IntRange(max = 90) int h, @ForAll @IntRange(max = 150) int w,
            @ForAll LabelType type, @ForAll @IntRange(max = 40) int labels, @ForAll long seed) {
        Random r = new Random(seed);
        int[] values = new int[labels];
        for (int i = 0; i < labels; i++) {
            values[i] = switch (type) {
                case UINT8 -> r.nextInt(256);
                case UINT16 -> r.nextInt(65536);
                case INT32 -> r.nextBoolean() ? r.nextInt() : r.nextInt(5) - 2;
            };
        }
        int[] rowMajor = new int[h * w];
        for (int i = 0; i < labels; i++) {
            int y0 = r.nextInt(h + 1), x0 = r.nextInt(w + 1);
            int y1 = y0 + r.nextInt(h - y0 + 1), x1 = x0 + r.nextInt(w - x0 + 1);
            boolean speckled = r.nextBoolean();
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (!speckled || r.nextInt(3) == 0) {
                        rowMajor[y * w + x] = values[i];
                    }
                }
            }
        }
        TreeMap<Integer, int[]> expected = new TreeMap<>();
        for (int v : rowMajor) {
            if (v != 0 && !expected.containsKey(v)) {
                byte[] mask = new byte[h * w];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = (byte) (rowMajor[i] == v ? 1 : 0);
                }
                expected.put(v, TestMasks.runs(mask, h, w));
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            for (Order order : Order.values()) {
                LabelMap map = LabelMap.allocate(arena, h, w, type, order);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        map.setFlat(order.index(y, x, h, w), rowMajor[y * w + x]);
                    }
                }
                for (MaskKernels k : TestMasks.both()) {
                    LabelRuns runs = k.encodeLabels(map);
                    assertEquals(expected.size(), runs.size(), k.name() + " " + order);
                    int i = 0;
                    for (var e : expected.entrySet()) {
                        assertEquals(e.getKey(), runs.label(i), k.name() + " " + order);
                        assertArrayEquals(e.getValue(), runs.counts(i), k.name() + " " + order + " label " + e.getKey());
                        i++;
                    }
                }
            }
        }
    }

    @Property(tries = TRIES)
    void thresholdAndArea(@ForAll @IntRange(max = 700) int n, @ForAll @IntRange(min = -3, max = 258) int t,
            @ForAll long seed) {
        Random r = new Random(seed);
        byte[] gray = new byte[n];
        r.nextBytes(gray);
        // the edges of the word-at-a-time tests among the random bytes
        byte[] edges = {0, 0, 1, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xFF, (byte) t};
        for (int i = 0; i < n; i += 1 + r.nextInt(3)) {
            gray[i] = edges[r.nextInt(edges.length)];
        }
        for (MaskKernels k : TestMasks.both()) {
            byte[] binary = new byte[n];
            k.threshold(MemorySegment.ofArray(gray), n, t, MemorySegment.ofArray(binary));
            long area = 0;
            for (int i = 0; i < n; i++) {
                assertEquals((gray[i] & 0xFF) > t ? 1 : 0, binary[i], k.name() + " threshold " + i);
                area += gray[i] != 0 ? 1 : 0;
            }
            assertEquals(area, k.countNonzero(MemorySegment.ofArray(gray), n), k.name() + " area");
        }
    }

    @Property(tries = TRIES)
    void paintPoseEqualsTheDenseRecipe(@ForAll @IntRange(max = 70) int h, @ForAll @IntRange(max = 140) int w,
            @ForAll @IntRange(max = 12) int instances, @ForAll PoseEncoding encoding, @ForAll long seed) {
        Random r = new Random(seed);
        int[][] runs = new int[instances][];
        byte[][] masks = new byte[instances + 2][];
        for (int i = 0; i < instances + 2; i++) {
            masks[i] = TestMasks.random(h, w, TestMasks.Kind.values()[r.nextInt(TestMasks.Kind.values().length)],
                    r.nextLong());
            if (i < instances) {
                runs[i] = TestMasks.runs(masks[i], h, w);
            }
        }
        int[] crowd = TestMasks.runs(masks[instances], h, w);
        int[] unannotated = TestMasks.runs(masks[instances + 1], h, w);
        boolean wide = encoding == PoseEncoding.WIDE;
        for (MaskKernels k : TestMasks.both()) {
            byte[] out = new byte[h * w * encoding.bytes];
            Arrays.fill(out, (byte) 0x33);
            k.paintPose(runs, crowd, unannotated, h, w, encoding, MemorySegment.ofArray(out));
            MemorySegment image = MemorySegment.ofArray(out);
            for (int i = 0; i < h * w; i++) {
                int expected = 0;
                for (int j = instances - 1; j >= 0; j--) {
                    expected = masks[j][i] != 0 ? j + 1 : expected;
                }
                expected |= masks[instances][i] != 0 ? (wide ? 1 << 14 : 1 << 6) : 0;
                expected |= masks[instances + 1][i] != 0 ? (wide ? 1 << 15 : 1 << 7) : 0;
                int actual = wide
                        ? Short.toUnsignedInt(image.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                java.nio.ByteOrder.LITTLE_ENDIAN), 2L * i))
                        : Byte.toUnsignedInt(out[i]);
                assertEquals(expected, actual, k.name() + " pixel " + i);
            }
        }
    }

    @Property(tries = TRIES)
    void poseImageInterleavesAndUnpacks(@ForAll @IntRange(max = 400) int pixels, @ForAll PoseEncoding encoding,
            @ForAll long seed) {
        Random r = new Random(seed);
        int bytes = encoding.bytes;
        byte[] bgr = new byte[3 * pixels], pose = new byte[bytes * pixels];
        r.nextBytes(bgr);
        r.nextBytes(pose);
        // per pixel B, G, R zero-extended to the value's width, then the value, little-endian
        byte[] expected = new byte[4 * bytes * pixels];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < 3; c++) {
                expected[4 * bytes * i + bytes * c] = bgr[3 * i + c];
            }
            for (int q = 0; q < bytes; q++) {
                expected[4 * bytes * i + 3 * bytes + q] = pose[bytes * i + q];
            }
        }
        for (MaskKernels k : TestMasks.both()) {
            byte[] stored = new byte[expected.length];
            Arrays.fill(stored, (byte) 0x5A);
            k.interleavePose(MemorySegment.ofArray(bgr), MemorySegment.ofArray(pose), pixels, encoding,
                    MemorySegment.ofArray(stored));
            assertArrayEquals(expected, stored, k.name() + " interleave " + encoding);
            byte[] colours = new byte[3 * pixels], index = new byte[bytes * pixels];
            byte[] crowd = new byte[pixels], unannotated = new byte[pixels];
            for (byte[] out : List.of(colours, index, crowd, unannotated)) {
                Arrays.fill(out, (byte) 0x5A);
            }
            k.unpackPose(MemorySegment.ofArray(stored), pixels, encoding, MemorySegment.ofArray(colours),
                    MemorySegment.ofArray(index), MemorySegment.ofArray(crowd), MemorySegment.ofArray(unannotated));
            assertArrayEquals(bgr, colours, k.name() + " unpack colours " + encoding);
            int top = 8 * bytes;
            for (int i = 0; i < pixels; i++) {
                int value = littleEndian(pose, i, bytes);
                assertEquals(value & ((1 << (top - 2)) - 1), littleEndian(index, i, bytes), k.name() + " index " + i);
                assertEquals(value >>> (top - 2) & 1, crowd[i], k.name() + " crowd " + i);
                assertEquals(value >>> (top - 1), unannotated[i], k.name() + " unannotated " + i);
            }
        }
    }

    private static int littleEndian(byte[] values, int i, int bytes) {
        int v = 0;
        for (int q = 0; q < bytes; q++) {
            v |= (values[bytes * i + q] & 0xFF) << 8 * q;
        }
        return v;
    }

    @Property(tries = TRIES)
    void binarizeGivesOneForEveryNonzeroByte(@ForAll @IntRange(max = 300) int n, @ForAll @IntRange(max = 70) int offset,
            @ForAll @IntRange(max = 70) int outOffset, @ForAll TestMasks.Kind kind, @ForAll long seed) {
        byte[] data = TestMasks.random(1, offset + n, kind, seed);
        for (MaskKernels k : TestMasks.both()) {
            byte[] out = new byte[outOffset + n + 5];
            Arrays.fill(out, (byte) 0x5A);
            k.binarize(MemorySegment.ofArray(data), offset, out, outOffset, n);
            for (int j = 0; j < out.length; j++) {
                boolean inside = j >= outOffset && j < outOffset + n;
                int expected = inside ? (data[offset + j - outOffset] != 0 ? 1 : 0) : 0x5A;
                assertEquals(expected, out[j], k.name() + " byte " + j);
            }
        }
    }

    @Property(tries = TRIES)
    void scalarWordsHoldABitForEveryNonzeroByte(@ForAll long x, @ForAll @IntRange(max = 64) int count,
            @ForAll @IntRange(max = 9) int offset, @ForAll long seed) {
        long bits = ScalarMaskKernels.nonzeroBytes(x);
        for (int i = 0; i < 64; i++) {
            assertEquals(i < 8 && (x >>> 8 * i & 0xFF) != 0, (bits >>> i & 1) == 1, "byte " + i + " of " + Long.toHexString(x));
        }
        // a few bytes set to 0, 1 and 0x80, the edges of the carry-free test, among random ones
        byte[] data = new byte[offset + count];
        new Random(seed).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = (byte) (i % 9 == 0 ? 0 : i % 9 == 3 ? 1 : 0x80);
        }
        long expected = 0;
        for (int k = 0; k < count; k++) {
            expected |= data[offset + k] != 0 ? 1L << k : 0;
        }
        assertEquals(expected, ScalarMaskKernels.nonzeroBits(MemorySegment.ofArray(data), offset, count));
    }

    @Property(tries = TRIES)
    void firstDifferentEndsTheRun(@ForAll @IntRange(max = 300) int length, @ForAll @IntRange(max = 300) int a,
            @ForAll @IntRange(max = 300) int b, @ForAll long seed) {
        Random r = new Random(seed);
        // runs of a few values, negative ones included, as a contour scan meets them
        byte[] values = {0, 1, 2, (byte) 0x82};
        byte[] data = new byte[length];
        for (int i = 0; i < length; ) {
            int end = Math.min(length, i + 1 + r.nextInt(100));
            Arrays.fill(data, i, end, values[r.nextInt(values.length)]);
            i = end;
        }
        int from = Math.min(Math.min(a, b), length), to = Math.min(Math.max(a, b), length);
        byte value = from < length && r.nextBoolean() ? data[from] : values[r.nextInt(values.length)];
        int expected = from;
        while (expected < to && data[expected] == value) {
            expected++;
        }
        for (MaskKernels k : TestMasks.both()) {
            assertEquals(expected, k.firstDifferent(data, from, to, value), k.name());
        }
    }
}
