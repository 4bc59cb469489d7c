package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContoursTest {

    /** A 5x5 square with a 1-pixel hole in the middle, at (1,1) in a 7x7 mask. */
    private static Mask ring() {
        byte[] pixels = new byte[49];
        for (int y = 1; y <= 5; y++) {
            for (int x = 1; x <= 5; x++) {
                pixels[y * 7 + x] = (byte) (x == 3 && y == 3 ? 0 : 200);
            }
        }
        return Mask.ofArray(pixels, 7, 7, Order.ROW_MAJOR);
    }

    @Test
    void treeGivesOuterBorderThenHoleAsItsChild() {
        ContourSet set = Contours.find(ring(), RetrievalMode.TREE, ChainApprox.SIMPLE);
        assertEquals(2, set.size());
        assertArrayEquals(new int[] {1, 1, 1, 5, 5, 5, 5, 1}, set.points(0));
        assertArrayEquals(new int[] {2, 3, 3, 2, 4, 3, 3, 4}, set.points(1));
        assertArrayEquals(new int[] {-1, -1, 1, -1, -1, -1, -1, 0}, set.hierarchy());
        assertEquals(1, set.firstChild(0));
        assertEquals(0, set.parent(1));
        assertEquals(4, set.pointCount(1));
        assertEquals(2, set.x(1, 0));
        assertEquals(3, set.y(1, 0));
    }

    @Test
    void externalDropsTheHole() {
        ContourSet set = Contours.find(ring(), RetrievalMode.EXTERNAL, ChainApprox.NONE);
        assertEquals(1, set.size());
        assertEquals(16, set.pointCount(0));
        assertArrayEquals(new int[] {-1, -1, -1, -1}, set.hierarchy());
    }

    @Test
    void emptyAndBlankMasksHaveNoContours() {
        ContourFinder finder = new ContourFinder();
        assertEquals(0, finder.find(Mask.ofArray(new byte[0], 0, 4, Order.ROW_MAJOR), RetrievalMode.TREE,
                ChainApprox.NONE).size());
        assertEquals(0, finder.find(Mask.ofArray(new byte[12], 3, 4, Order.COLUMN_MAJOR), RetrievalMode.LIST,
                ChainApprox.TC89_KCOS).size());
    }

    @Test
    void outOfRangeIndicesAreRefused() {
        ContourSet set = Contours.find(ring(), RetrievalMode.LIST, ChainApprox.SIMPLE);
        assertThrows(IndexOutOfBoundsException.class, () -> set.parent(2));
        assertThrows(IndexOutOfBoundsException.class, () -> set.x(0, 4));
    }
}
