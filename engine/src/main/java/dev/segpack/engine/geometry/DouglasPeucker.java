package dev.segpack.engine.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ramer–Douglas–Peucker simplification of a closed polygon with exactly the behaviour of OpenCV
 * 4.6's {@code cv2.approxPolyDP(curve, epsilon, closed=True)} on integer points: the same start
 * (the farthest-point heuristic), the same split points, the same final removal of nearly collinear
 * vertices, hence the same output vertices in the same order.
 */
public final class DouglasPeucker {

    /** Rounds of "farthest point from the current start" used to pick the first split. */
    private static final int FARTHEST_POINT_ROUNDS = 3;

    private DouglasPeucker() {
    }

    /**
     * Simplifies the closed polygon {@code xy} (x0, y0, x1, y1, ...) so that no dropped vertex lies
     * farther than {@code epsilon} from the line through the ends of its segment.
     *
     * @throws IllegalArgumentException if {@code xy} has an odd length, or epsilon is negative,
     *                                  NaN or not below 1e30 (OpenCV's limits)
     */
    public static int[] simplifyClosed(int[] xy, double epsilon) {
        Objects.requireNonNull(xy, "xy");
        if ((xy.length & 1) != 0) {
            throw new IllegalArgumentException("polygon has an odd number of coordinates: " + xy.length);
        }
        if (!(epsilon >= 0.0 && epsilon < 1e30)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1e30), got " + epsilon);
        }
        int count = xy.length / 2;
        if (count == 0) {
            return new int[0];
        }
        int[] out = new int[xy.length];
        int kept = split(xy, count, epsilon * epsilon, out);
        kept = dropCollinear(out, kept, epsilon * epsilon);
        return Arrays.copyOf(out, 2 * kept);
    }

    /** Recursive splitting (with an explicit stack of index ranges); returns the vertices written. */
    private static int split(int[] xy, int count, double eps2, int[] out) {
        int written = 0;
        // 1. Find approximately the two farthest points of the polygon.
        int pos = 0;
        int farthest = 0;
        double maxDistance = 0;
        int startX = 0;
        int startY = 0;
        for (int round = 0; round < FARTHEST_POINT_ROUNDS; round++) {
            maxDistance = 0;
            pos = (pos + farthest) % count;
            startX = xy[2 * pos];
            startY = xy[2 * pos + 1];
            for (int j = 1; j < count; j++) {
                int p = (pos + j) % count;
                double dx = xy[2 * p] - startX;
                double dy = xy[2 * p + 1] - startY;
                double distance = dx * dx + dy * dy;
                if (distance > maxDistance) {
                    maxDistance = distance;
                    farthest = j;
                }
            }
        }
        if (maxDistance <= eps2) {
            out[written++] = startX;
            out[written++] = startY;
            return written / 2;
        }
        // Ranges [start, end] of point indices (cyclic); the end point belongs to the next range.
        int[] stack = new int[16];
        int top = 0;
        int other = (farthest + pos) % count;
        stack[top++] = other;
        stack[top++] = pos;
        stack[top++] = pos;
        stack[top++] = other;
        // 2. Split every range at its point farthest from its chord until all are within epsilon.
        while (top > 0) {
            int end = stack[--top];
            int start = stack[--top];
            int sx = xy[2 * start];
            int sy = xy[2 * start + 1];
            int p = start + 1 == count ? 0 : start + 1;
            boolean withinEpsilon = true;
            int splitAt = 0;
            if (p != end) {
                double dx = xy[2 * end] - sx;
                double dy = xy[2 * end + 1] - sy;
                double maxCross = 0;
                while (p != end) {
                    double cross = Math.abs((xy[2 * p + 1] - sy) * dx - (xy[2 * p] - sx) * dy);
                    if (cross > maxCross) {
                        maxCross = cross;
                        splitAt = p;
                    }
                    p = p + 1 == count ? 0 : p + 1;
                }
                withinEpsilon = maxCross * maxCross <= eps2 * (dx * dx + dy * dy);
            }
            if (withinEpsilon) {
                out[written++] = sx;
                out[written++] = sy;
            } else {
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top++] = splitAt;
                stack[top++] = end;
                stack[top++] = start;
                stack[top++] = splitAt;
            }
        }
        return written / 2;
    }

    /**
     * OpenCV's last stage, in place on {@code pts[0..count)}: walking the closed polygon, a vertex
     * whose neighbours differ in both x and y, that lies between them and within
     * epsilon / sqrt(2) of their chord is dropped. Returns the new vertex count.
     */
    private static int dropCollinear(int[] pts, int count, double eps2) {
        int remaining = count;
        int pos = count - 1;
        int startX = pts[2 * pos];
        int startY = pts[2 * pos + 1];
        int write = 0;
        int x = pts[0];
        int y = pts[1];
        pos = count > 1 ? 1 : 0;
        for (int i = 0; i < count && remaining > 2; i++) {
            int endX = pts[2 * pos];
            int endY = pts[2 * pos + 1];
            pos = pos + 1 >= count ? 0 : pos + 1;
            double dx = endX - startX;
            double dy = endY - startY;
            double cross = Math.abs((x - startX) * dy - (y - startY) * dx);
            int along = (x - startX) * (endX - x) + (y - startY) * (endY - y);
            if (cross * cross <= 0.5 * eps2 * (dx * dx + dy * dy) && dx != 0 && dy != 0 && along >= 0) {
                remaining--;
                startX = endX;
                startY = endY;
                pts[2 * write] = endX;
                pts[2 * write + 1] = endY;
                write = write + 1 >= count ? 0 : write + 1;
                x = pts[2 * pos];
                y = pts[2 * pos + 1];
                pos = pos + 1 >= count ? 0 : pos + 1;
                i++;
                continue;
            }
            startX = x;
            startY = y;
            pts[2 * write] = x;
            pts[2 * write + 1] = y;
            write = write + 1 >= count ? 0 : write + 1;
            x = endX;
            y = endY;
        }
        return remaining;
    }
}
