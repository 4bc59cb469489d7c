package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips and agreement with a pixel-by-pixel computation on random masks. */
class RlePropertiesTest {

    /** A random h×w mask of blobs, stripes or noise, as 0/1 (and sometimes larger) bytes. */
    record Sample(int h, int w, byte[] colMajor) {
        Mask mask(Order order) {
            Mask f = Mask.ofArray(colMajor, h, w, Order.COLUMN_MAJOR);
            return order == Order.COLUMN_MAJOR ? f : Mask.ofArray(f.toArray(Order.ROW_MAJOR), h, w, Order.ROW_MAJOR);
        }

        boolean fg(int i) {
            return colMajor[i] != 0;
        }
    }

    @Provide
    Arbitrary<Sample> masks() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 40),
                Arbitraries.longs(), Arbitraries.integers().between(0, 2)).as(RlePropertiesTest::sample);
    }

    static Sample sample(int h, int w, long seed, int kind) {
        Random r = new Random(seed);
        byte[] px = new byte[h * w];
        double density = r.nextDouble();
        for (int i = 0; i < px.length; i++) {
            boolean on = switch (kind) {
                case 0 -> r.nextDouble() < density;
                case 1 -> (i / Math.max(1, h)) % 3 == 0 || i % 7 == 0;
                default -> r.nextInt(10) < 2 ? r.nextBoolean() : i > 0 && px[i - 1] != 0;
            };
            px[i] = on ? (byte) (1 + r.nextInt(r.nextInt(10) == 0 ? 255 : 1)) : 0;
        }
        return new Sample(h, w, px);
    }

    @Property
    void decodeEncodeIsIdentityInBothOrders(@ForAll("masks") Sample s) {
        try (Arena arena = Arena.ofConfined()) {
            for (Order order : Order.values()) {
                Rle rle = MaskApi.encode(s.mask(order));
                byte[] expected = s.mask(order).toArray(order);
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (byte) (expected[i] != 0 ? 1 : 0);
                }
                for (Order into : Order.values()) {
                    Mask decoded = MaskApi.decode(rle, arena, into);
                    assertArrayEquals(expected, decoded.toArray(order));
                }
                assertEquals(rle, MaskApi.encode(s.mask(order == Order.ROW_MAJOR ? Order.COLUMN_MAJOR : Order.ROW_MAJOR)));
            }
        }
    }

    @Provide
    Arbitrary<int[]> counts() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 300);
        Arbitrary<Integer> large = Arbitraries.integers().between(1 << 24, Integer.MAX_VALUE);
        Arbitrary<Integer> any = Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, small), net.jqwik.api.Tuple.of(2, large), net.jqwik.api.Tuple.of(1, any))
                .array(int[].class).ofMaxSize(40);
    }

    @Property
    void stringCodecRoundTripsAnyUint32Counts(@ForAll("counts") int[] counts) {
        // the codec ignores the size, so any counts (sums beyond 2^32 included) must survive it
        String s = RleString.encode(Rle.trusted(1, 1, counts));
        assertArrayEquals(counts, RleString.decodeCounts(s));
    }

    @Property
    void theStringIsMaskApisRleToString(@ForAll("counts") int[] counts) {
        assertEquals(literalRleToString(counts), RleString.encode(Rle.trusted(1, 1, counts)));
    }

    /** maskApi.c's rleToString, transcribed line by line (uint counts widened to long). */
    private static String literalRleToString(int[] cnts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cnts.length; i++) {
            long x = Integer.toUnsignedLong(cnts[i]);
            if (i > 2) {
                x -= Integer.toUnsignedLong(cnts[i - 2]);
            }
            boolean more = true;
            while (more) {
                char c = (char) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                c += 48;
                s.append(c);
            }
        }
        return s.toString();
    }

    @Property
    void theByteFormIsTheStringsLatin1Bytes(@ForAll("counts") int[] counts, @ForAll @IntRange(max = 5) int at) {
        Rle rle = Rle.trusted(1, 1, counts);
        byte[] into = new byte[at + (int) RleString.maxEncodedLength(counts.length)];
        int end = RleString.encodeTo(rle, into, at);
        assertEquals(RleString.encode(rle), new String(into, at, end - at, StandardCharsets.ISO_8859_1));
        int[] decoded = new int[end - at];
        assertArrayEquals(counts, Arrays.copyOf(decoded, RleString.decodeCounts(into, at, end, decoded)));
        assertEquals(end, RleString.encodeTo(rle, new byte[end], at), "a string that just fits");
        if (end > at) {
            assertThrows(IndexOutOfBoundsException.class, () -> RleString.encodeTo(rle, new byte[end - 1], at));
        }
    }

    @Property
    void theEscapedByteFormDoublesEachBackslash(@ForAll("counts") int[] counts, @ForAll @IntRange(max = 5) int at) {
        Rle rle = Rle.trusted(1, 1, counts);
        byte[] into = new byte[at + 2 * (int) RleString.maxEncodedLength(counts.length)];
        int end = RleString.encodeEscapedTo(rle, into, at);
        assertEquals(RleString.encode(rle).replace("\\", "\\\\"), new String(into, at, end - at, StandardCharsets.ISO_8859_1));
        assertEquals(end, RleString.encodeEscapedTo(rle, new byte[end], at), "a string that just fits");
    }

    @Property
    void stringsAreDecodedFromBytesInPlaceAsFromAString(@ForAll("counts") int[] counts) {
        String s = RleString.encode(Rle.trusted(1, 1, counts));
        byte[] file = ("{\"counts\": \"" + s + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        int[] into = new int[s.length() + 3];
        int m = RleString.decodeCounts(file, 12, 12 + s.length(), into);
        assertArrayEquals(counts, Arrays.copyOf(into, m));
    }

    /** Unions of up to 3 ellipses: masks with one interval per column, which IoU takes column-wise. */
    static Sample blobs(int h, int w, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[h * w];
        int n = r.nextInt(4);
        for (int e = 0; e < n; e++) {
            double cy = r.nextDouble() * h, cx = r.nextDouble() * w, ry = 1 + r.nextDouble() * h / 2, rx = 1 + r.nextDouble() * w / 2;
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    double dy = (y - cy) / ry, dx = (x - cx) / rx;
                    if (dy * dy + dx * dx <= 1) {
                        px[x * h + y] = 1;
                    }
                }
            }
        }
        return new Sample(h, w, px);
    }

    @Property
    void iouOfBlobsEqualsPixelCounts(@ForAll @IntRange(min = 1, max = 60) int h, @ForAll @IntRange(min = 1, max = 60) int w,
            @ForAll long seedA, @ForAll long seedB, @ForAll boolean crowd) {
        Sample a = blobs(h, w, seedA), b = blobs(h, w, seedB);
        long i = 0, un = 0, areaA = 0;
        for (int p = 0; p < h * w; p++) {
            i += a.fg(p) && b.fg(p) ? 1 : 0;
            un += a.fg(p) || b.fg(p) ? 1 : 0;
            areaA += a.fg(p) ? 1 : 0;
        }
        double expected = i == 0 ? 0 : (double) i / (crowd ? areaA : un);
        double[][] iou = MaskApi.iou(List.of(MaskApi.encode(a.mask(Order.COLUMN_MAJOR))),
                List.of(MaskApi.encode(b.mask(Order.COLUMN_MAJOR))), new boolean[] {crowd});
        assertEquals(expected, iou[0][0], 0.0);
    }

    /**
     * A merge of three or more masks (in one bitmap of the mask where their runs are dense) gives what
     * rleMerge's pairwise fold gives, for masks with few runs as for many, empty or full ones among them.
     */
    @Property
    void mergeOfManyIsThePairwiseFold(@ForAll("masks") Sample a, @ForAll @IntRange(min = 3, max = 12) int n,
            @ForAll long seed, @ForAll boolean intersect) {
        Random r = new Random(seed);
        List<Rle> rles = new ArrayList<>();
        rles.add(MaskApi.encode(a.mask(Order.COLUMN_MAJOR)));
        for (int i = 1; i < n; i++) {
            int kind = r.nextInt(5);
            Rle rle = kind < 3 ? MaskApi.encode(sample(a.h(), a.w(), r.nextLong(), kind).mask(Order.COLUMN_MAJOR))
                    : kind == 3 ? Rle.of(a.h(), a.w(), new int[] {a.h() * a.w()})
                    : Rle.of(a.h(), a.w(), new int[] {0, a.h() * a.w()});
            rles.add(rle);
        }
        Rle fold = rles.get(0);
        for (Rle rle : rles.subList(1, n)) {
            fold = MaskApi.merge(List.of(fold, rle), intersect);
        }
        assertEquals(fold, MaskApi.merge(rles, intersect));
    }

    @Property
    void mergeAndIouEqualPixelCounts(@ForAll("masks") Sample a, @ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll long seed, @ForAll boolean crowd) {
        List<Sample> samples = new ArrayList<>();
        samples.add(a);
        Random r = new Random(seed);
        for (int i = 1; i < n; i++) {
            samples.add(sample(a.h(), a.w(), r.nextLong(), r.nextInt(3)));
        }
        List<Rle> rles = samples.stream().map(s -> MaskApi.encode(s.mask(Order.COLUMN_MAJOR))).toList();
        Rle union = MaskApi.merge(rles, false);
        Rle inter = MaskApi.merge(rles, true);
        byte[] u = new byte[a.h() * a.w()];
        byte[] in = new byte[a.h() * a.w()];
        for (int i = 0; i < u.length; i++) {
            final int p = i;
            u[i] = (byte) (samples.stream().anyMatch(s -> s.fg(p)) ? 1 : 0);
            in[i] = (byte) (samples.stream().allMatch(s -> s.fg(p)) ? 1 : 0);
        }
        assertEquals(MaskApi.encode(Mask.ofArray(u, a.h(), a.w(), Order.COLUMN_MAJOR)), union);
        assertEquals(MaskApi.encode(Mask.ofArray(in, a.h(), a.w(), Order.COLUMN_MAJOR)), inter);

        Sample b = samples.get(n - 1);
        long i = 0, un = 0, areaA = 0;
        for (int p = 0; p < u.length; p++) {
            i += a.fg(p) && b.fg(p) ? 1 : 0;
            un += a.fg(p) || b.fg(p) ? 1 : 0;
            areaA += a.fg(p) ? 1 : 0;
        }
        double expected = i == 0 ? 0 : (double) i / (crowd ? areaA : un);
        double[][] iou = MaskApi.iou(List.of(rles.get(0)), List.of(rles.get(n - 1)), new boolean[] {crowd});
        assertEquals(expected, iou[0][0], 0.0);
    }
}
