package dev.segpack.engine.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batch: same answers as the one-mask API, whatever the thread count. */
class RleBatchTest {

    /** The calling thread. */
    private static final Executor SERIAL = Runnable::run;

    /** n random masks (a few rectangles each, some speckled) back to back in {@code order}. */
    private static MemorySegment masks(Arena arena, int n, int h, int w, Order order, long seed) {
        Random r = new Random(seed);
        MemorySegment all = arena.allocate((long) n * h * w);
        for (int k = 0; k < n; k++) {
            Mask m = new Mask(all.asSlice((long) k * h * w, (long) h * w), h, w, order);
            for (int rect = r.nextInt(4); rect >= 0; rect--) {
                int y0 = r.nextInt(h), x0 = r.nextInt(w);
                int y1 = y0 + r.nextInt(h - y0 + 1), x1 = x0 + r.nextInt(w - x0 + 1);
                boolean speckled = r.nextInt(4) == 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        if (!speckled || r.nextBoolean()) {
                            m.set(y, x, (byte) 1);
                        }
                    }
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void encodeAndDecodeGiveTheSameBytesOnAnyThreadCount(Order order) {
        int n = 37, h = 45, w = 70;
        Executor serial = SERIAL;
        try (Arena arena = Arena.ofShared();
                ExecutorService two = Executors.newFixedThreadPool(2);
                ExecutorService three = Executors.newFixedThreadPool(3)) {
            MemorySegment masks = masks(arena, n, h, w, order, 7);
            RleBatch s = RleBatch.encode(masks, n, h, w, order, serial);
            RleBatch p2 = RleBatch.encode(masks, n, h, w, order, two);
            RleBatch p3 = RleBatch.encode(masks, n, h, w, order, three);
            for (int i = 0; i < n; i++) {
                Mask m = new Mask(masks.asSlice((long) i * h * w, (long) h * w), h, w, order);
                assertEquals(MaskApi.encode(m), s.get(i), "mask " + i);
                assertEquals(MaskApi.area(s.get(i)), s.area(i), "area " + i);
                assertEquals(MaskApi.toBbox(s.get(i)), s.toBbox(i), "bbox " + i);
            }
            assertArrayEquals(s.counts().toArray(ValueLayout.JAVA_BYTE),
                    p2.counts().toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(s.counts().toArray(ValueLayout.JAVA_BYTE),
                    p3.counts().toArray(ValueLayout.JAVA_BYTE));

            for (Order target : Order.values()) {
                MemorySegment one = arena.allocate((long) n * h * w);
                MemorySegment other = arena.allocate((long) n * h * w);
                s.decode(one, target, serial);
                p3.decode(other, target, two);
                assertEquals(-1, one.mismatch(other), "decode into " + target);
                for (int i = 0; i < n; i++) {
                    Mask decoded = new Mask(one.asSlice((long) i * h * w, (long) h * w), h, w, target);
                    Mask original = new Mask(masks.asSlice((long) i * h * w, (long) h * w), h, w, order);
                    assertArrayEquals(original.toArray(Order.ROW_MAJOR), decoded.toArray(Order.ROW_MAJOR),
                            "mask " + i + " into " + target);
                }
            }
        }
    }

    @Test
    void iouMatchesTheGoldenRows() {
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            for (JsonNode g : Testdata.jsonLines("golden/iou.jsonl.gz")) {
                if (!g.get("kind").asText().equals("rle")) {
                    continue;
                }
                int h = g.get("h").asInt(), w = g.get("w").asInt();
                boolean[] crowd = new boolean[g.get("iscrowd").size()];
                for (int i = 0; i < crowd.length; i++) {
                    crowd[i] = g.get("iscrowd").get(i).asInt() != 0;
                }
                double[][] actual = RleBatch.iou(RleBatch.of(rles(g.get("dt"), h, w)), RleBatch.of(rles(g.get("gt"), h, w)),
                        crowd, two);
                for (int d = 0; d < actual.length; d++) {
                    assertArrayEquals(Testdata.doubles(g.get("iou").get(d)), actual[d], 0.0, "dt " + d);
                }
            }
        }
    }

    /** MaskApi.iou on two threads too; every cell equals the pair computed alone. */
    @Test
    void largeIouMatricesAreDeterministic() {
        int h = 40, w = 50, nd = 90, ng = 70;
        try (Arena arena = Arena.ofShared(); ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Rle> dt = new ArrayList<>(), gt = new ArrayList<>();
            MemorySegment dm = masks(arena, nd, h, w, Order.COLUMN_MAJOR, 1);
            MemorySegment gm = masks(arena, ng, h, w, Order.COLUMN_MAJOR, 2);
            for (int i = 0; i < nd; i++) {
                dt.add(MaskApi.encode(new Mask(dm.asSlice((long) i * h * w, (long) h * w), h, w, Order.COLUMN_MAJOR)));
            }
            for (int i = 0; i < ng; i++) {
                gt.add(MaskApi.encode(new Mask(gm.asSlice((long) i * h * w, (long) h * w), h, w, Order.COLUMN_MAJOR)));
            }
            dt.add(Rle.of(h, w - 1, new int[] {0, h * (w - 1)})); // another size: -1 where the boxes overlap
            boolean[] crowd = new boolean[ng];
            for (int g = 0; g < ng; g += 5) {
                crowd[g] = true;
            }
            double[][] whole = MaskApi.iou(dt, gt, crowd, two);
            double[][] batched = RleBatch.iou(RleBatch.of(dt), RleBatch.of(gt), crowd, two);
            int overlapping = 0;
            for (int d = 0; d < dt.size(); d++) {
                for (int g = 0; g < ng; g++) {
                    double alone = MaskApi.iou(List.of(dt.get(d)), List.of(gt.get(g)), new boolean[] {crowd[g]})[0][0];
                    assertEquals(alone, whole[d][g], 0.0, "MaskApi.iou " + d + "," + g);
                    assertEquals(alone, batched[d][g], 0.0, "RleBatch.iou " + d + "," + g);
                    overlapping += alone > 0 ? 1 : 0;
                }
            }
            assertTrue(overlapping > 100, "the masks overlap often enough to test the walks: " + overlapping);
            RleBatch gb = RleBatch.of(gt);
            boolean[] none = new boolean[ng];
            double[][] self = RleBatch.iou(gb, gb, none, two);
            assertArrayEquals(MaskApi.iou(gt, gt, none, Runnable::run), self, "a batch against itself");
            for (int g = 0; g < ng; g++) {
                assertEquals(MaskApi.area(gt.get(g)) > 0 ? -1 : 0, whole[nd][g], 0.0, "other size vs gt " + g);
            }
        }
    }

    @Test
    void workerThreadsRefuseAConfinedSegmentAndSerialTakesIt() {
        try (Arena confined = Arena.ofConfined(); ExecutorService two = Executors.newFixedThreadPool(2)) {
            MemorySegment masks = confined.allocate(4 * 6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RleBatch.encode(masks, 4, 2, 3, Order.ROW_MAJOR, two));
            assertTrue(e.getMessage().contains("confined arena"), e.getMessage());
            RleBatch b = RleBatch.encode(masks, 4, 2, 3, Order.ROW_MAJOR, SERIAL);
            assertEquals(4, b.size());
            assertEquals("6", RleString.encode(b.get(3)));
        }
    }

    @Test
    void decodeRefusesMasksOfDifferentSizes() {
        RleBatch b = RleBatch.of(List.of(Rle.of(2, 2, new int[] {4}), Rle.of(1, 4, new int[] {4})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.decode(MemorySegment.ofArray(new byte[8]), Order.ROW_MAJOR, SERIAL));
        assertTrue(e.getMessage().startsWith("mask 1 is 1x4"), e.getMessage());
    }

    private static List<Rle> rles(JsonNode strings, int h, int w) {
        List<Rle> out = new ArrayList<>();
        strings.forEach(s -> out.add(RleString.decode(h, w, s.asText())));
        return out;
    }
}
