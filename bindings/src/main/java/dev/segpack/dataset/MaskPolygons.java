package dev.segpack.dataset;

import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ContourFinder;
import dev.segpack.engine.geometry.ContourSet;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * datumaro's {@code mask_to_polygons(mask, area_threshold=1)}: the external contours
 * ({@code cv2.findContours} RETR_EXTERNAL + CHAIN_APPROX_TC89_KCOS), contours of 2 points or fewer
 * dropped, each closed by repeating its first point, kept when its COCO rasterisation covers at least
 * {@code areaThreshold} pixels. Lossy by design: holes are lost and parts ≤ 2 px thick may vanish.
 */
public final class MaskPolygons {

    private static final ThreadLocal<ContourFinder> FINDER = ThreadLocal.withInitial(ContourFinder::new);

    private MaskPolygons() {
    }

    public static List<double[]> of(Rle mask, long areaThreshold) {
        List<double[]> polygons = new ArrayList<>();
        if (mask.pixels() == 0) {
            return polygons;
        }
        ContourSet contours;
        try (Arena arena = Arena.ofConfined()) {
            Mask pixels = MaskApi.decode(mask, arena, Order.COLUMN_MAJOR);
            contours = FINDER.get().find(pixels, RetrievalMode.EXTERNAL, ChainApprox.TC89_KCOS);
        }
        for (int c = 0; c < contours.size(); c++) {
            int n = contours.pointCount(c);
            if (n <= 2) {
                continue;
            }
            boolean closed = contours.x(c, 0) == contours.x(c, n - 1) && contours.y(c, 0) == contours.y(c, n - 1);
            int points = closed ? n : n + 1;
            double[] polygon = new double[2 * points];
            for (int k = 0; k < points; k++) {
                polygon[2 * k] = contours.x(c, k % n);
                polygon[2 * k + 1] = contours.y(c, k % n);
            }
            if (MaskApi.area(MaskApi.frPoly(polygon, mask.h(), mask.w())) >= areaThreshold) {
                polygons.add(polygon);
            }
        }
        return polygons;
    }
}
