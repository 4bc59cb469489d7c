package dev.segpack.bench;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic benchmark inputs that look like real annotations: smooth blobs (unions of
 * ellipses) rather than noise, label maps of overlapping regions, pose images of polygon people.
 */
final class BenchInputs {

    private BenchInputs() {
    }

    /** "480x640" → {480, 640}. */
    static int[] size(String hw) {
        String[] p = hw.split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    /** A blob of 3 overlapping ellipses covering roughly a fifth of the image. */
    static Mask blob(Arena arena, int h, int w, Order order, long seed) {
        Mask m = Mask.allocate(arena, h, w, order);
        Random r = new Random(seed);
        double cy = h * (0.3 + 0.4 * r.nextDouble()), cx = w * (0.3 + 0.4 * r.nextDouble());
        for (int e = 0; e < 3; e++) {
            paintEllipse(m, cy + h * 0.1 * r.nextGaussian(), cx + w * 0.1 * r.nextGaussian(),
                    h * (0.1 + 0.15 * r.nextDouble()), w * (0.1 + 0.15 * r.nextDouble()), (byte) 1);
        }
        return m;
    }

    /** Labels 1..labels as ellipses painted over each other on a background of 0. */
    static LabelMap labelMap(Arena arena, int h, int w, int labels, LabelType type, Order order, long seed) {
        LabelMap map = LabelMap.allocate(arena, h, w, type, order);
        Random r = new Random(seed);
        for (int label = 1; label <= labels; label++) {
            double cy = h * r.nextDouble(), cx = w * r.nextDouble();
            double ry = h * (0.05 + 0.2 * r.nextDouble()), rx = w * (0.05 + 0.2 * r.nextDouble());
            for (int y = Math.max(0, (int) (cy - ry)); y < Math.min(h, cy + ry); y++) {
                for (int x = Math.max(0, (int) (cx - rx)); x < Math.min(w, cx + rx); x++) {
                    double dy = (y - cy) / ry, dx = (x - cx) / rx;
                    if (dy * dy + dx * dx <= 1) {
                        map.setFlat(order.index(y, x, h, w), label);
                    }
                }
            }
        }
        return map;
    }

    /** {@code people} polygon persons (one crowd region among them, two without keypoints). */
    static List<Annotation> pose(int h, int w, int people, long seed) {
        Random r = new Random(seed);
        List<Annotation> out = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            double cy = h * (0.2 + 0.6 * r.nextDouble()), cx = w * (0.1 + 0.8 * r.nextDouble());
            double ry = h * (0.15 + 0.2 * r.nextDouble()), rx = ry * (0.3 + 0.3 * r.nextDouble());
            int points = 24;
            double[] xy = new double[2 * points];
            for (int k = 0; k < points; k++) {
                double a = 2 * Math.PI * k / points, s = 0.7 + 0.3 * r.nextDouble();
                xy[2 * k] = cx + rx * s * Math.cos(a);
                xy[2 * k + 1] = cy + ry * s * Math.sin(a);
            }
            Rle mask = MaskApi.frPoly(xy, h, w);
            out.add(new Annotation(mask, i == people - 1, i % 4 == 1 ? 0 : 10));
        }
        return out;
    }

    private static void paintEllipse(Mask m, double cy, double cx, double ry, double rx, byte value) {
        for (int y = Math.max(0, (int) (cy - ry)); y < Math.min(m.h(), cy + ry); y++) {
            for (int x = Math.max(0, (int) (cx - rx)); x < Math.min(m.w(), cx + rx); x++) {
                double dy = (y - cy) / ry, dx = (x - cx) / rx;
                if (dy * dy + dx * dx <= 1) {
                    m.set(y, x, value);
                }
            }
        }
    }
}
