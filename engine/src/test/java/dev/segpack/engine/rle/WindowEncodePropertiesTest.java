package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link MaskApi#encode(Mask, int, int, int, int)} against its definition: build the whole image with
 * the mask pasted in and take its counts pixel by pixel in column-major order.
 */
class WindowEncodePropertiesTest {

    /** A mask of mh×mw (column-major bytes) at (x0, y0) in an h×w image. */
    record Placed(int h, int w, int x0, int y0, RlePropertiesTest.Sample window) {
        /** The whole image, column-major, with the window's bytes pasted in. */
        byte[] canvas() {
            byte[] out = new byte[h * w];
            int mh = window.h();
            for (int x = 0; x < window.w(); x++) {
                System.arraycopy(window.colMajor(), x * mh, out, (x0 + x) * h + y0, mh);
            }
            return out;
        }

        @Override
        public String toString() {
            return window.h() + "x" + window.w() + " at x=" + x0 + ", y=" + y0 + " in " + h + "x" + w + ": "
                    + Arrays.toString(window.colMajor());
        }
    }

    @Provide
    Arbitrary<Placed> placed() {
        Arbitrary<Integer> side = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(2, 24)));
        // per axis: 0 the window spans the image, 1 it is empty, 2 touches the far edge, 3 the near edge, else anywhere
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        return Combinators.combine(side, side, kind, kind, Arbitraries.longs(), Arbitraries.integers().between(0, 2))
                .as(WindowEncodePropertiesTest::placed);
    }

    private static Placed placed(int h, int w, int kindY, int kindX, long seed, int content) {
        Random r = new Random(seed);
        int[] y = span(h, kindY, r);
        int[] x = span(w, kindX, r);
        return new Placed(h, w, x[0], y[0], RlePropertiesTest.sample(y[1], x[1], seed, content));
    }

    /** {offset, length} of the window along an axis of {@code n} pixels. */
    private static int[] span(int n, int kind, Random r) {
        int length = switch (kind) {
            case 0 -> n;
            case 1 -> 0;
            default -> r.nextInt(n + 1);
        };
        int offset = switch (kind) {
            case 0, 3 -> 0;
            case 2 -> n - length;
            default -> r.nextInt(n - length + 1);
        };
        return new int[] {offset, length};
    }

    /** COCO counts of column-major pixels, nonzero = foreground, straight from the definition. */
    static int[] literalCounts(byte[] colMajor) {
        int[] counts = new int[colMajor.length + 1];
        int m = 0;
        int run = 0;
        boolean value = false;
        for (byte b : colMajor) {
            if ((b != 0) != value) {
                counts[m++] = run;
                run = 0;
                value = !value;
            }
            run++;
        }
        counts[m++] = run;
        return Arrays.copyOf(counts, m);
    }

    @Property(tries = 2000)
    void aPlacedMaskEncodesAsTheWholeImageInBothOrders(@ForAll("placed") Placed p) {
        byte[] canvas = p.canvas();
        Rle expected = Rle.of(p.h(), p.w(), literalCounts(canvas));
        assertEquals(expected, MaskApi.encode(Mask.ofArray(canvas, p.h(), p.w(), Order.COLUMN_MAJOR)), p.toString());
        for (Order order : Order.values()) {
            Rle placed = MaskApi.encode(p.window().mask(order), p.x0(), p.y0(), p.h(), p.w());
            assertArrayEquals(expected.counts(), placed.counts(), order + " " + p);
            assertEquals(expected, placed, order + " " + p);
        }
    }

    @Example
    void aMaskOutsideTheImageIsRefused() {
        Mask m = Mask.ofArray(new byte[6], 2, 3, Order.ROW_MAJOR);
        assertThrows(IllegalArgumentException.class, () -> MaskApi.encode(m, 2, 0, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> MaskApi.encode(m, 0, 3, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> MaskApi.encode(m, -1, 0, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> MaskApi.encode(m, 0, 0, 70_000, 70_000));
    }
}
