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
import java.util.ArrayList;
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
    void argmaxKeepsTheFirstMaximum(@ForAll @IntRange(max = 40) int h, @ForAll @IntRange(max = 90) int w,
            @ForAll @IntRange(max = 9) int planes, @ForAll LabelType type, @ForAll Order order, @ForAll long seed) {
        Random r = new Random(seed);
        byte[][] values = new byte[planes][h * w];
        for (byte[] plane : values) {
            int top = r.nextBoolean() ? 2 : 256; // small values make ties
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (byte) r.nextInt(top);
            }
        }
        List<Mask> masks = new ArrayList<>();
        for (byte[] plane : values) {
            masks.add(Mask.ofArray(plane, h, w, order));
        }
        try (Arena arena = Arena.ofConfined()) {
            for (MaskKernels k : TestMasks.both()) {
                LabelMap out = LabelMap.allocate(arena, h, w, type, order);
                out.data().fill((byte) 0x55);
                k.argmax(masks, out);
                for (int i = 0; i < h * w; i++) {
                    int best = 0, index = 0;
                    for (int p = 0; p < planes; p++) {
                        if ((values[p][i] & 0xFF) > best) {
                            best = values[p][i] & 0xFF;
                            index = p + 1;
                        }
                    }
                    assertEquals(index, out.getFlat(i), k.name() + " pixel " + i);
                }
            }
        }
    }

    @Property(tries = TRIES)
    void packAndUnpackBitsAsNumpy(@ForAll @IntRange(max = 9) int rows, @ForAll @IntRange(max = 300) int cols,
            @ForAll long seed) {
        byte[] in = TestMasks.random(rows, cols, TestMasks.Kind.NOISE, seed);
        int rowBytes = (cols + 7) / 8;
        byte[] packed = new byte[rows * rowBytes];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (in[r * cols + c] != 0) {
                    packed[r * rowBytes + c / 8] |= (byte) (0x80 >>> (c % 8));
                }
            }
        }
        for (MaskKernels k : TestMasks.both()) {
            byte[] out = new byte[packed.length];
            Arrays.fill(out, (byte) 0x5A);
            k.packBits(MemorySegment.ofArray(in), rows, cols, MemorySegment.ofArray(out));
            assertArrayEquals(packed, out, k.name() + " pack");
            byte[] unpacked = new byte[in.length];
            Arrays.fill(unpacked, (byte) 0x5A);
            k.unpackBits(MemorySegment.ofArray(packed), rows, cols, MemorySegment.ofArray(unpacked));
            for (int i = 0; i < in.length; i++) {
                assertEquals(in[i] != 0 ? 1 : 0, unpacked[i], k.name() + " unpack " + i);
            }
        }
    }

    @Property(tries = TRIES)
    void thresholdAreaAndPoseByte(@ForAll @IntRange(max = 700) int n, @ForAll @IntRange(min = -3, max = 258) int t,
            @ForAll long seed) {
        Random r = new Random(seed);
        byte[] gray = new byte[n], index = new byte[n], crowd = new byte[n], unannotated = new byte[n];
        r.nextBytes(gray);
        r.nextBytes(index);
        for (int i = 0; i < n; i++) {
            crowd[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
            unannotated[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
        }
        for (MaskKernels k : TestMasks.both()) {
            byte[] binary = new byte[n];
            k.threshold(MemorySegment.ofArray(gray), n, t, MemorySegment.ofArray(binary));
            byte[] packed = new byte[n];
            k.packPose(MemorySegment.ofArray(index), MemorySegment.ofArray(crowd), MemorySegment.ofArray(unannotated),
                    n, MemorySegment.ofArray(packed));
            long area = 0;
            for (int i = 0; i < n; i++) {
                assertEquals((gray[i] & 0xFF) > t ? 1 : 0, binary[i], k.name() + " threshold " + i);
                int pose = (index[i] & 0x3F) | (crowd[i] != 0 ? 0x40 : 0) | (unannotated[i] != 0 ? 0x80 : 0);
                assertEquals(pose, packed[i] & 0xFF, k.name() + " pose byte " + i);
                area += gray[i] != 0 ? 1 : 0;
            }
            assertEquals(area, k.countNonzero(MemorySegment.ofArray(gray), n), k.name() + " area");
        }
    }

    @Property(tries = TRIES)
    void paintPoseEqualsTheDenseRecipe(@ForAll @IntRange(max = 70) int h, @ForAll @IntRange(max = 140) int w,
            @ForAll @IntRange(max = 12) int instances, @ForAll boolean wide, @ForAll long seed) {
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
        int bytes = wide ? 2 : 1;
        for (MaskKernels k : TestMasks.both()) {
            byte[] out = new byte[h * w * bytes];
            Arrays.fill(out, (byte) 0x33);
            k.paintPose(runs, crowd, unannotated, h, w, wide, MemorySegment.ofArray(out));
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
}
