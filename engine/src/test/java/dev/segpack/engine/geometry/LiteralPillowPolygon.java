package dev.segpack.engine.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scanline rule of {@link PillowPolygonFill} written out literally and slowly: every row from the
 * clamped top to the clamped bottom against every edge of the table, crossings indexed as Pillow indexes
 * them, a full sort, a clipped span per pair. Checked against Pillow's own output by
 * PillowPolygonFillRecordedTest; the optimised fill is checked against this.
 */
final class LiteralPillowPolygon {

    private record Edge(int x0, int y0, int top, int bottom, float dx) {
        float at(int y) {
            return (y - y0) * dx + x0;
        }
    }

    private LiteralPillowPolygon() {
    }

    /** The filled mask, row-major, 1 where Pillow fills. */
    static byte[] fill(double[] xy, int h, int w) {
        byte[] mask = new byte[h * w];
        int n = xy.length / 2;
        int[] p = new int[xy.length];
        for (int i = 0; i < xy.length; i++) {
            p[i] = (int) xy[i];
        }
        List<int[]> segments = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            segments.add(new int[] {p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 3]});
        }
        if (p[2 * n - 2] != p[0] || p[2 * n - 1] != p[1]) {
            segments.add(new int[] {p[2 * n - 2], p[2 * n - 1], p[0], p[1]});
        }
        int ymin = h - 1;
        int ymax = 0;
        List<Edge> table = new ArrayList<>();
        for (int[] s : segments) {
            int top = Math.min(s[1], s[3]);
            int bottom = Math.max(s[1], s[3]);
            ymin = Math.min(ymin, top);
            ymax = Math.max(ymax, bottom);
            if (top == bottom) {
                hline(mask, h, w, Math.min(s[0], s[2]), top, Math.max(s[0], s[2]));
            } else {
                table.add(new Edge(s[0], s[1], top, bottom, (float) (s[2] - s[0]) / (float) (s[3] - s[1])));
            }
        }
        ymin = Math.max(ymin, 0);
        ymax = Math.min(ymax, h);
        float[] xx = new float[2 * table.size()];
        for (int y = ymin; y <= ymax; y++) {
            int j = 0;
            for (int i = 0; i < table.size(); i++) {
                Edge c = table.get(i);
                if (y < c.top() || y > c.bottom()) {
                    continue;
                }
                xx[j++] = c.at(y);
                if (y == c.bottom() && y < ymax) {
                    xx[j] = xx[j - 1];
                    j++;
                } else if (c.dx() != 0 && Math.rint(xx[j - 1]) == xx[j - 1]) {
                    for (int k = 0; k < i; k++) {
                        Edge o = table.get(k);
                        boolean sameSlope = (c.dx() > 0 && o.dx() > 0) || (c.dx() < 0 && o.dx() < 0);
                        boolean sharedEnd = (y == c.top() && y == o.top()) || (y == c.bottom() && y == o.bottom());
                        if (sameSlope && sharedEnd && xx[j - 1] == o.at(y)) {
                            int adjacent = y == ymax ? y - 1 : y + 1;
                            float a = c.at(adjacent);
                            float b = o.at(adjacent);
                            if (y == c.bottom()) {
                                xx[k] = c.dx() > 0 ? Math.max(a, b) + 1 : Math.min(a, b) - 1;
                            } else {
                                xx[k] = c.dx() > 0 ? Math.min(a, b) : Math.max(a, b) + 1;
                            }
                            break;
                        }
                    }
                }
            }
            float[] row = Arrays.copyOf(xx, j);
            Arrays.sort(row);
            for (int i = 1; i < j; i += 2) {
                hline(mask, h, w, PillowPolygonFill.roundHalfUp(row[i - 1]), y,
                        PillowPolygonFill.roundHalfDown(row[i]));
            }
        }
        return mask;
    }

    private static void hline(byte[] mask, int h, int w, int x0, int y, int x1) {
        if (y < 0 || y >= h) {
            return;
        }
        for (int x = Math.max(Math.min(x0, x1), 0); x <= Math.min(Math.max(x0, x1), w - 1); x++) {
            mask[y * w + x] = 1;
        }
    }
}
