package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import java.util.Arrays;

/**
 * The pixels Pillow 9.4's {@code ImageDraw.Draw(im).polygon(xy, fill=v)} fills (no outline), pixel for
 * pixel, as row spans. The rules, each pinned by the Pillow recordings in
 * {@code testdata/cityscapes/pillow_polygons.jsonl.gz}:
 * <ul>
 * <li>Vertices are truncated toward zero to ints; fewer than 2 points is an error (Pillow: TypeError).
 * <li>Edges join consecutive vertices, plus a closing edge unless the last vertex equals the first.
 *     A horizontal edge fills its row from its smaller to its larger x.
 * <li>The other edges, in polygon order, are crossed by every row from the polygon's top to its bottom
 *     (clamped to the image, the bottom to {@code h}) at {@code (y - y0) * dx + x0} in float arithmetic.
 *     An edge crossed at its lower end adds its crossing twice, except on the polygon's last row.
 * <li>"Discontiguous corners" (otherwise): a sloped edge crossed at a whole number looks, among the
 *     earlier edges of the table sloping the same way, for the first one that shares its top row (or its
 *     bottom row) with it and crosses this row at the same x. Where the two cross the next row (the
 *     previous one on the last row) gives a new value: at a top row the smaller of the two for a positive
 *     slope, the larger + 1 for a negative one; at a bottom row the larger + 1, or the smaller − 1. It
 *     replaces the crossing at the <em>earlier edge's index in the edge table</em>, as Pillow indexes its
 *     crossings by edge number there; an index this row has not filled yet has no effect.
 * <li>The crossings of a row are sorted and taken in pairs: from round-half-up of the first (the +0.5 in
 *     float for positive values, in double for negative ones) to round-half-down of the second. A pair
 *     whose ends cross over is filled between them (Pillow swaps), so overlaps fill even-odd.
 * <li>Spans are clipped to the image.
 * </ul>
 * Reusable: one instance keeps its scratch arrays between polygons; not thread-safe.
 */
public final class PillowPolygonFill {

    /** Coordinates beyond ±2³⁰ are refused: Pillow's int arithmetic on them overflows. */
    public static final double COORDINATE_LIMIT = 1 << 30;

    private final RowSpans spans = new RowSpans();
    private int[] points = new int[16];
    // the edge table (horizontal edges excluded), in polygon order
    private int edgeCount;
    private int[] edgeX0 = new int[8];
    private int[] edgeY0 = new int[8];
    private int[] edgeTop = new int[8];
    private int[] edgeBottom = new int[8];
    private float[] edgeDx = new float[8];
    private long[] byTop = new long[8];
    private int[] active = new int[8];
    private float[] crossings = new float[16];
    private int polygonTop;
    private int polygonBottom;

    /**
     * Checks what Pillow would need of {@code xy} (x0, y0, x1, y1, …): an even length, at least 2 points,
     * finite coordinates within ±{@link #COORDINATE_LIMIT}.
     */
    public static void check(double[] xy) {
        if ((xy.length & 1) != 0) {
            throw new IllegalArgumentException("a polygon needs an even number of coordinates, got " + xy.length);
        }
        if (xy.length < 4) {
            throw new IllegalArgumentException("a polygon needs at least 2 points, got " + xy.length / 2
                    + " (Pillow raises TypeError)");
        }
        for (int i = 0; i < xy.length; i++) {
            if (!(Math.abs(xy[i]) < COORDINATE_LIMIT)) {
                throw new IllegalArgumentException("polygon coordinate " + i + " is " + xy[i]
                        + "; coordinates must be finite and within ±2^30");
            }
        }
    }

    /** The value Pillow stores for fill value {@code value} in a map of this type. */
    public static int ink(LabelType type, long value) {
        return switch (type) {
            case UINT8 -> (int) Math.clamp(value, 0, 255); // mode "L" clips the fill
            case UINT16 -> (int) Math.clamp(value, 0, 65535); // what a mode "I" image keeps in a 16-bit PNG
            case INT32 -> Math.toIntExact(value); // mode "I" stores it as is
        };
    }

    /** Fills polygon {@code xy} with {@code ink} (already converted by {@link #ink}) in a row-major map. */
    public void fill(LabelMap target, double[] xy, int ink) {
        trace(xy, target.h(), target.w()).paint(target, ink);
    }

    /**
     * The spans Pillow fills for polygon {@code xy} (x0, y0, x1, y1, …) in an h×w image, clipped to it.
     * The result is this instance's and is overwritten by the next call.
     */
    public RowSpans trace(double[] xy, int h, int w) {
        check(xy);
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("negative image size " + h + "x" + w);
        }
        spans.reset(h, w);
        int n = xy.length / 2;
        if (points.length < xy.length) {
            points = new int[xy.length];
        }
        for (int i = 0; i < xy.length; i++) {
            points[i] = (int) xy[i]; // truncation toward zero, as Pillow's C cast
        }
        edgeCount = 0;
        polygonTop = h - 1; // Pillow's starting values: they cannot change what is drawn
        polygonBottom = 0;
        for (int i = 0; i + 1 < n; i++) {
            addEdge(points[2 * i], points[2 * i + 1], points[2 * i + 2], points[2 * i + 3], h, w);
        }
        int last = 2 * (n - 1);
        if (points[last] != points[0] || points[last + 1] != points[1]) {
            addEdge(points[last], points[last + 1], points[0], points[1], h, w);
        }
        scan(h, w);
        return spans;
    }

    private void addEdge(int x0, int y0, int x1, int y1, int h, int w) {
        int top = Math.min(y0, y1);
        int bottom = Math.max(y0, y1);
        polygonTop = Math.min(polygonTop, top);
        polygonBottom = Math.max(polygonBottom, bottom);
        if (y0 == y1) {
            if (y0 >= 0 && y0 < h) {
                spans.add(y0, Math.min(x0, x1), Math.max(x0, x1));
            }
            return;
        }
        if (edgeCount == edgeX0.length) {
            int capacity = edgeCount * 2;
            edgeX0 = Arrays.copyOf(edgeX0, capacity);
            edgeY0 = Arrays.copyOf(edgeY0, capacity);
            edgeTop = Arrays.copyOf(edgeTop, capacity);
            edgeBottom = Arrays.copyOf(edgeBottom, capacity);
            edgeDx = Arrays.copyOf(edgeDx, capacity);
        }
        edgeX0[edgeCount] = x0;
        edgeY0[edgeCount] = y0;
        edgeTop[edgeCount] = top;
        edgeBottom[edgeCount] = bottom;
        edgeDx[edgeCount] = (float) (x1 - x0) / (float) (y1 - y0);
        edgeCount++;
    }

    /** Rows from the top to the last row inside the image, with an active list kept in edge-table order. */
    private void scan(int h, int w) {
        int first = Math.max(polygonTop, 0);
        int lastRow = Math.min(polygonBottom, h); // Pillow's clamp; row h itself draws nothing
        if (byTop.length < edgeCount) {
            byTop = new long[edgeCount * 2];
            active = new int[edgeCount * 2];
            crossings = new float[edgeCount * 4];
        }
        int pending = 0;
        for (int e = 0; e < edgeCount; e++) {
            if (edgeBottom[e] >= first) {
                byTop[pending++] = ((long) edgeTop[e] << 32) | e;
            }
        }
        Arrays.sort(byTop, 0, pending);
        int next = 0;
        int activeCount = 0;
        for (int y = first, end = Math.min(lastRow, h - 1); y <= end; y++) {
            while (next < pending && (int) (byTop[next] >> 32) <= y) {
                activeCount = insertByIndex(activeCount, (int) byTop[next++]);
            }
            if (activeCount == 0) {
                if (next == pending) {
                    break;
                }
                continue;
            }
            int count = cross(y, lastRow, activeCount);
            emitRow(y, count);
            activeCount = dropEnded(y, activeCount);
        }
    }

    private int insertByIndex(int activeCount, int edge) {
        int i = activeCount;
        while (i > 0 && active[i - 1] > edge) {
            active[i] = active[i - 1];
            i--;
        }
        active[i] = edge;
        return activeCount + 1;
    }

    private int dropEnded(int y, int activeCount) {
        int kept = 0;
        for (int a = 0; a < activeCount; a++) {
            if (edgeBottom[active[a]] > y) {
                active[kept++] = active[a];
            }
        }
        return kept;
    }

    private float crossing(int edge, int y) {
        return (y - edgeY0[edge]) * edgeDx[edge] + edgeX0[edge];
    }

    /** The crossings of row y, in Pillow's order, including its doubled ends and corner moves. */
    private int cross(int y, int lastRow, int activeCount) {
        int count = 0;
        for (int a = 0; a < activeCount; a++) {
            int edge = active[a];
            float x = crossing(edge, y);
            crossings[count++] = x;
            if (y == edgeBottom[edge] && y < lastRow) {
                crossings[count++] = x;
            } else if (edgeDx[edge] != 0 && Math.rint(x) == x) {
                connectCorner(a, edge, y, x, lastRow, count);
            }
        }
        return count;
    }

    private void connectCorner(int activePosition, int edge, int y, float x, int lastRow, int count) {
        float dx = edgeDx[edge];
        for (int b = 0; b < activePosition; b++) {
            int other = active[b];
            float otherDx = edgeDx[other];
            if ((dx > 0 && otherDx <= 0) || (dx < 0 && otherDx >= 0)) {
                continue;
            }
            boolean sharedTop = y == edgeTop[edge] && y == edgeTop[other];
            boolean sharedBottom = y == edgeBottom[edge] && y == edgeBottom[other];
            if ((sharedTop || sharedBottom) && x == crossing(other, y)) {
                int adjacent = y == lastRow ? y - 1 : y + 1;
                float mine = crossing(edge, adjacent);
                float theirs = crossing(other, adjacent);
                float moved;
                if (y == edgeBottom[edge]) {
                    moved = dx > 0 ? Math.max(mine, theirs) + 1 : Math.min(mine, theirs) - 1;
                } else {
                    moved = dx > 0 ? Math.min(mine, theirs) : Math.max(mine, theirs) + 1;
                }
                if (other < count) {
                    crossings[other] = moved;
                }
                return;
            }
        }
    }

    private void emitRow(int y, int count) {
        if (count <= 16) {
            for (int i = 1; i < count; i++) {
                float v = crossings[i];
                int k = i - 1;
                while (k >= 0 && crossings[k] > v) {
                    crossings[k + 1] = crossings[k];
                    k--;
                }
                crossings[k + 1] = v;
            }
        } else {
            Arrays.sort(crossings, 0, count);
        }
        for (int i = 1; i < count; i += 2) {
            int from = roundHalfUp(crossings[i - 1]);
            int to = roundHalfDown(crossings[i]);
            spans.add(y, Math.min(from, to), Math.max(from, to));
        }
    }

    static int roundHalfUp(float f) {
        return f >= 0 ? (int) Math.floor(f + 0.5f) : -(int) Math.floor(Math.abs((double) f) + 0.5);
    }

    static int roundHalfDown(float f) {
        return f >= 0 ? (int) Math.ceil(f - 0.5f) : -(int) Math.ceil(Math.abs((double) f) - 0.5);
    }
}
