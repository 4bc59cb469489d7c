package dev.segpack.engine.geometry;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structural properties of the contours on random masks. */
class ContoursPropertiesTest {

    @Provide
    Arbitrary<RandomMask> masks() {
        return RandomMask.arbitrary(24, 0.05, 0.95);
    }

    @Property(tries = 300)
    void everyPointChainIsClosedAnd8ConnectedOverBorderPixels(@ForAll("masks") RandomMask m) {
        for (RetrievalMode mode : new RetrievalMode[] {RetrievalMode.LIST, RetrievalMode.TREE}) {
            ContourSet set = Contours.find(m.mask(), mode, ChainApprox.NONE);
            for (int c = 0; c < set.size(); c++) {
                int n = set.pointCount(c);
                assertTrue(n > 0, mode + " contour " + c + " has points");
                for (int k = 0; k < n; k++) {
                    int x = set.x(c, k);
                    int y = set.y(c, k);
                    assertTrue(m.foreground(y, x), mode + " contour " + c + " point (" + x + "," + y + ") is foreground");
                    assertTrue(!m.foreground(y - 1, x) || !m.foreground(y + 1, x)
                                    || !m.foreground(y, x - 1) || !m.foreground(y, x + 1),
                            mode + " contour " + c + " point (" + x + "," + y + ") has a background 4-neighbour");
                    int nx = set.x(c, (k + 1) % n);
                    int ny = set.y(c, (k + 1) % n);
                    assertTrue(Math.abs(nx - x) <= 1 && Math.abs(ny - y) <= 1,
                            mode + " contour " + c + " steps from (" + x + "," + y + ") to (" + nx + "," + ny + ")");
                }
            }
        }
    }

    @Property(tries = 300)
    void outerBordersCountTheComponents(@ForAll("masks") RandomMask m) {
        int[] component = new int[m.h() * m.w()];
        int components = label8(m, component);
        int outermost = outermostComponents(m, component, components);
        assertEquals(outermost, Contours.find(m.mask(), RetrievalMode.EXTERNAL, ChainApprox.SIMPLE).size(),
                "RETR_EXTERNAL contours = components not enclosed by another");

        ContourSet ccomp = Contours.find(m.mask(), RetrievalMode.CCOMP, ChainApprox.SIMPLE);
        int topLevel = 0;
        for (int c = 0; c < ccomp.size(); c++) {
            topLevel += ccomp.parent(c) < 0 ? 1 : 0;
        }
        assertEquals(components, topLevel, "RETR_CCOMP top-level contours = 8-connected components");

        ContourSet tree = Contours.find(m.mask(), RetrievalMode.TREE, ChainApprox.SIMPLE);
        int outerBorders = 0;
        for (int c = 0; c < tree.size(); c++) {
            int depth = 0;
            for (int p = tree.parent(c); p >= 0; p = tree.parent(p)) {
                depth++;
            }
            outerBorders += depth % 2 == 0 ? 1 : 0;
        }
        assertEquals(components, outerBorders, "RETR_TREE outer borders (even depth) = 8-connected components");
        assertEquals(tree.size(), Contours.find(m.mask(), RetrievalMode.LIST, ChainApprox.SIMPLE).size(),
                "RETR_LIST and RETR_TREE find the same borders");
    }

    /** Labels the 8-connected foreground components 1..n; returns n. */
    private static int label8(RandomMask m, int[] label) {
        int n = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < label.length; start++) {
            if (label[start] != 0 || m.pixels()[start] == 0) {
                continue;
            }
            label[start] = ++n;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int y = i / m.w();
                int x = i % m.w();
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (m.foreground(y + dy, x + dx) && label[(y + dy) * m.w() + x + dx] == 0) {
                            label[(y + dy) * m.w() + x + dx] = n;
                            queue.add((y + dy) * m.w() + x + dx);
                        }
                    }
                }
            }
        }
        return n;
    }

    /**
     * Components 4-adjacent to the background that is 4-connected to the outside of the image
     * (a one-pixel frame around it): exactly those not enclosed by another component.
     */
    private static int outermostComponents(RandomMask m, int[] component, int components) {
        int h = m.h() + 2;
        int w = m.w() + 2;
        boolean[] outside = new boolean[h * w];
        boolean[] touched = new boolean[components + 1];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        outside[0] = true;
        queue.add(0);
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int y = i / w;
            int x = i % w;
            for (int[] step : steps) {
                int ny = y + step[0];
                int nx = x + step[1];
                if (ny < 0 || ny >= h || nx < 0 || nx >= w || outside[ny * w + nx]) {
                    continue;
                }
                if (m.foreground(ny - 1, nx - 1)) {
                    touched[component[(ny - 1) * m.w() + nx - 1]] = true;
                } else {
                    outside[ny * w + nx] = true;
                    queue.add(ny * w + nx);
                }
            }
        }
        int count = 0;
        for (int c = 1; c <= components; c++) {
            count += touched[c] ? 1 : 0;
        }
        return count;
    }
}
