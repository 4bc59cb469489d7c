package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RleOpsTest {

    @Test
    void canonicalDropsEmptyRunsButKeepsTheMask() {
        Rle odd = Rle.of(3, 4, new int[] {2, 3, 0, 4, 0, 0, 3, 0});
        Rle canonical = RleOps.canonical(odd);
        assertArrayEquals(new int[] {2, 7, 3}, canonical.counts());
        assertEquals(MaskApi.area(odd), MaskApi.area(canonical));
        assertArrayEquals(new int[] {0, 12}, RleOps.canonical(Rle.of(3, 4, new int[] {0, 12})).counts());
        assertArrayEquals(new int[] {12}, RleOps.canonical(Rle.of(3, 4, new int[] {12, 0})).counts());
    }

    @Test
    void complementAndSubtractMatchPixelArithmetic() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int h = random.nextInt(1, 9), w = random.nextInt(1, 9);
            byte[] a = new byte[h * w];
            byte[] b = new byte[h * w];
            byte[] notB = new byte[h * w];
            byte[] aMinusB = new byte[h * w];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (random.nextBoolean() ? 1 : 0);
                b[i] = (byte) (random.nextBoolean() ? 1 : 0);
                notB[i] = (byte) (1 - b[i]);
                aMinusB[i] = (byte) (a[i] == 1 && b[i] == 0 ? 1 : 0);
            }
            Rle ra = MaskApi.encode(Mask.ofArray(a, h, w, Order.COLUMN_MAJOR));
            Rle rb = MaskApi.encode(Mask.ofArray(b, h, w, Order.COLUMN_MAJOR));
            assertEquals(MaskApi.encode(Mask.ofArray(notB, h, w, Order.COLUMN_MAJOR)), RleOps.complement(rb));
            assertEquals(MaskApi.encode(Mask.ofArray(aMinusB, h, w, Order.COLUMN_MAJOR)),
                    RleOps.canonical(RleOps.subtract(ra, rb)));
        }
    }
}
