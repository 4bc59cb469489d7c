package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Triangles with vertices around 1.8·10^7 pixels on a 40×30 image (issue 9, finding 4: rleFrPoly
 * walks 9·10^7 points per edge; this one visits only the image's columns). The literal transcription
 * cannot walk them, so each is checked against a triangle with the same edges near the image: with
 * exactly representable slopes (±1/2, ±1/4) every DDA point inside the image is the same.
 */
class PolygonRasterFarOutsideTest {

    private static final int H = 30;
    private static final int W = 40;

    /** Apex (20.25, 15.5) inside the image, the other vertices at apex + reach·(±dx, dy). */
    private static double[] vee(double reach, double dx, double dy) {
        double x = 20.25, y = 15.5;
        return new double[] {x, y, x + reach * dx, y + reach * dy, x - reach * dx, y + reach * dy};
    }

    @Test
    void xMajorEdgesFromFarOutsideGiveTheMaskOfTheirPartInside() {
        Rle far = PolygonRaster.rasterise(vee(9e6, 2, 1), H, W);
        assertEquals(LiteralPolygonRaster.rasterise(vee(100, 2, 1), H, W), far);
        assertTrue(MaskApi.area(far) > 0 && MaskApi.area(far) < (long) H * W);
    }

    @Test
    void yMajorEdgesFromFarOutsideGiveTheMaskOfTheirPartInside() {
        Rle far = PolygonRaster.rasterise(vee(4.5e6, 1, 4), H, W);
        assertEquals(LiteralPolygonRaster.rasterise(vee(100, 1, 4), H, W), far);
        assertTrue(MaskApi.area(far) > 0 && MaskApi.area(far) < (long) H * W);
    }

    @Test
    void aTriangleAroundTheImageFillsIt() {
        Rle far = PolygonRaster.rasterise(new double[] {-1.8e7, -1e6, 1.8e7, -1e6, 20, 1.8e7}, H, W);
        assertEquals(Rle.of(H, W, new int[] {0, H * W}), far);
    }

    @Test
    void aTriangleAboveTheImageLeavesItEmpty() {
        Rle far = PolygonRaster.rasterise(new double[] {-1.8e7, -1.8e7, 1.8e7, -1.8e7, 20, -1e6}, H, W);
        assertEquals(Rle.of(H, W, new int[] {H * W}), far);
    }

    /**
     * A rectangle above the image whose top edge is at scaled y −2^31, the lowest int: rleFrPoly
     * computes a flip's row in doubles (below 0: row 0), so both edges flip each column at row 0 and
     * the mask is empty, as it is for the same rectangle less high. (⌈(y−2)/5⌉ in ints wrapped around
     * there to row h and filled columns 1..5.)
     */
    @Test
    void aFlipAtTheLowestIntYIsInRowZero() {
        double top = -429_496_729.7; // 5·top + .5 = −2^31
        Rle empty = Rle.of(10, 10, new int[] {100});
        assertEquals(empty, PolygonRaster.rasterise(new double[] {0.5, -1, 5.5, -1, 5.5, top, 0.5, top}, 10, 10));
        assertEquals(empty, LiteralPolygonRaster.rasterise(new double[] {0.5, -1, 5.5, -1, 5.5, -1e4, 0.5, -1e4}, 10, 10));
    }

    @Test
    void coordinatesWherePycocotoolsIntArithmeticOverflowsAreRefused() {
        IllegalArgumentException coordinate = assertThrows(IllegalArgumentException.class,
                () -> PolygonRaster.rasterise(new double[] {0, 0, 5e8, 0, 0, 10}, H, W));
        assertTrue(coordinate.getMessage().contains("polygon coordinate 2 is 5.0E8"), coordinate.getMessage());
        IllegalArgumentException edge = assertThrows(IllegalArgumentException.class,
                () -> PolygonRaster.rasterise(new double[] {-4e8, 0, 4e8, 0, 0, 10}, H, W));
        assertTrue(edge.getMessage().contains("polygon edge 0"), edge.getMessage());
    }
}
