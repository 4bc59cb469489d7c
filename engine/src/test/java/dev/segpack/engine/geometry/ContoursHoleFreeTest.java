package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a mask without holes, RETR_CCOMP finds no hole border and its outer borders are RETR_EXTERNAL's
 * contours, point for point and in the same order. Mask-to-polygon conversion relies on this to
 * find the polygons and whether there is a hole in one pass.
 */
class ContoursHoleFreeTest {

    @Provide
    Arbitrary<RandomMask> holeFreeMasks() {
        return RandomMask.arbitrary(28, 0.1, 0.9).map(m -> {
            fillHoles(m.pixels(), m.h(), m.w());
            return m;
        });
    }

    @Property(tries = 400)
    void ccompOuterBordersAreExternalContours(@ForAll("holeFreeMasks") RandomMask sample) {
        Mask mask = sample.mask();
        ContourSet ccomp = Contours.find(mask, RetrievalMode.CCOMP, ChainApprox.SIMPLE);
        ContourSet external = Contours.find(mask, RetrievalMode.EXTERNAL, ChainApprox.SIMPLE);
        for (int c = 0; c < ccomp.size(); c++) {
            assertTrue(ccomp.parent(c) < 0, "no hole border in a hole-free mask");
        }
        assertEquals(external.size(), ccomp.size());
        for (int c = 0; c < ccomp.size(); c++) {
            assertArrayEquals(external.points(c), ccomp.points(c), "contour " + c);
        }
    }

    /** Sets to 1 every pixel (foreground too) that no background path, 4-connected, joins to the mask's edge. */
    private static void fillHoles(byte[] pixels, int h, int w) {
        boolean[] outside = new boolean[h * w];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((y == 0 || x == 0 || y == h - 1 || x == w - 1) && pixels[y * w + x] == 0) {
                    outside[y * w + x] = true;
                    queue.add(y * w + x);
                }
            }
        }
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int i = queue.poll();
            for (int[] s : steps) {
                int y = i / w + s[0], x = i % w + s[1];
                if (y >= 0 && y < h && x >= 0 && x < w && !outside[y * w + x] && pixels[y * w + x] == 0) {
                    outside[y * w + x] = true;
                    queue.add(y * w + x);
                }
            }
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!outside[i]) {
                pixels[i] = 1;
            }
        }
    }
}
