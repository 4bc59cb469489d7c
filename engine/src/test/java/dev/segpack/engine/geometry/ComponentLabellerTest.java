package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ComponentLabellerTest {

    /** A random h×w row-major grid of values 0..maxValue (0 = background). */
    record Grid(int h, int w, int[] values) {
        @Override
        public String toString() {
            StringBuilder rows = new StringBuilder(h + "x" + w + "\n");
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = values[y * w + x];
                    rows.append(v == 0 ? '.' : Character.forDigit(v % 36, 36));
                }
                rows.append('\n');
            }
            return rows.toString();
        }
    }

    @Provide
    Arbitrary<Grid> grids() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 30),
                Arbitraries.doubles().between(0.05, 0.95), Arbitraries.integers().between(1, 4), Arbitraries.longs())
                .as((h, w, density, maxValue, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int[] values = new int[h * w];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = random.nextDouble() < density ? random.nextInt(1, maxValue + 1) : 0;
                    }
                    return new Grid(h, w, values);
                });
    }

    @Property(tries = 300)
    void maskComponentsEqualFloodFillInRasterOrder(@ForAll("grids") Grid g) {
        byte[] pixels = new byte[g.values().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (g.values()[i] == 0 ? 0 : 37 * g.values()[i]); // any nonzero byte is foreground
        }
        int[] expected = new int[pixels.length];
        int n = floodFill(g, true, expected);
        for (Order order : Order.values()) {
            Mask mask = Mask.ofArray(reorder(pixels, g.h(), g.w(), order), g.h(), g.w(), order);
            Components found = new ComponentLabeller().label(mask);
            assertEquals(n, found.count(), order.toString());
            assertArrayEquals(expected, labels(found), order.toString());
            checkStatistics(found, expected, g, true);
        }
    }

    @Property(tries = 300)
    void labelMapComponentsSplitTouchingValues(@ForAll("grids") Grid g) {
        int[] expected = new int[g.values().length];
        int n = floodFill(g, false, expected);
        LabelMap map;
        try (Arena arena = Arena.ofConfined()) {
            map = LabelMap.allocate(arena, g.h(), g.w(), LabelMap.LabelType.UINT16, Order.ROW_MAJOR);
            for (int i = 0; i < g.values().length; i++) {
                map.setFlat(i, g.values()[i]);
            }
            Components found = new ComponentLabeller().label(map);
            assertEquals(n, found.count());
            assertArrayEquals(expected, labels(found));
            checkStatistics(found, expected, g, false);
        }
    }

    @Test
    void reuseAcrossSizesGivesFreshResults() {
        ComponentLabeller labeller = new ComponentLabeller();
        byte[] big = new byte[40 * 50];
        big[0] = 1;
        big[big.length - 1] = 1;
        assertEquals(2, labeller.label(Mask.ofArray(big, 40, 50, Order.ROW_MAJOR)).count());
        byte[] small = {0, 1, 1, 0, 0, 1};
        Components c = labeller.label(Mask.ofArray(small, 2, 3, Order.ROW_MAJOR));
        assertEquals(1, c.count(), "(0,1),(0,2),(1,2) are 8-connected");
        assertEquals(3, c.area(1));
        assertEquals(0, c.label(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> c.area(2));
    }

    @Test
    void emptyMaskHasNoComponents() {
        assertEquals(0, new ComponentLabeller().label(Mask.ofArray(new byte[0], 0, 7, Order.ROW_MAJOR)).count());
        assertEquals(0, new ComponentLabeller().label(Mask.ofArray(new byte[12], 3, 4, Order.ROW_MAJOR)).count());
    }

    /** Area, value, box and crop of every component agree with the expected labelling. */
    private static void checkStatistics(Components found, int[] expected, Grid g, boolean binary) {
        try (Arena arena = Arena.ofConfined()) {
            for (int c = 1; c <= found.count(); c++) {
                int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
                long area = 0;
                int value = 0;
                for (int i = 0; i < expected.length; i++) {
                    if (expected[i] == c) {
                        int y = i / g.w(), x = i % g.w();
                        minX = Math.min(minX, x);
                        minY = Math.min(minY, y);
                        maxX = Math.max(maxX, x);
                        maxY = Math.max(maxY, y);
                        area++;
                        value = binary ? 1 : g.values()[i];
                    }
                }
                assertEquals(area, found.area(c), "area of " + c);
                assertEquals(value, found.value(c), "value of " + c);
                assertEquals(minX, found.x(c));
                assertEquals(minY, found.y(c));
                assertEquals(maxX - minX + 1, found.width(c));
                assertEquals(maxY - minY + 1, found.height(c));
                Mask crop = found.crop(c, arena);
                for (int y = 0; y < crop.h(); y++) {
                    for (int x = 0; x < crop.w(); x++) {
                        boolean in = expected[(minY + y) * g.w() + minX + x] == c;
                        assertEquals(in ? 1 : 0, crop.get(y, x), "crop of " + c + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    private static int[] labels(Components found) {
        int[] out = new int[found.h() * found.w()];
        for (int y = 0; y < found.h(); y++) {
            for (int x = 0; x < found.w(); x++) {
                out[y * found.w() + x] = found.label(y, x);
            }
        }
        return out;
    }

    /** Breadth-first 8-connected labelling in raster order of the first pixel. */
    private static int floodFill(Grid g, boolean anyNonzero, int[] label) {
        int n = 0;
        int[] v = g.values();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < v.length; start++) {
            if (label[start] != 0 || v[start] == 0) {
                continue;
            }
            label[start] = ++n;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int y = i / g.w(), x = i % g.w();
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ny = y + dy, nx = x + dx;
                        if (ny < 0 || ny >= g.h() || nx < 0 || nx >= g.w()) {
                            continue;
                        }
                        int j = ny * g.w() + nx;
                        boolean same = anyNonzero ? v[j] != 0 : v[j] == v[start];
                        if (same && label[j] == 0) {
                            label[j] = n;
                            queue.add(j);
                        }
                    }
                }
            }
        }
        return n;
    }

    private static byte[] reorder(byte[] rowMajor, int h, int w, Order order) {
        byte[] out = new byte[rowMajor.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[(int) order.index(y, x, h, w)] = rowMajor[y * w + x];
            }
        }
        return out;
    }
}
