package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * 8-connected component labelling (the connectivity {@code cv2.connectedComponents} uses by default
 * and the one under which {@link Contours} traces one outer border per component). Components are
 * numbered 1, 2, … in raster order of their first pixel; 0 is background.
 *
 * <p>Two passes with union–find over provisional labels: the first pass gives each foreground pixel
 * the smallest label of its already visited neighbours (left, up-left, up, up-right) of the same
 * value and unites the others; the second resolves each provisional label to its root. Because a
 * union keeps the smaller label as root, a component's root is its first pixel's label, which gives
 * the raster numbering without sorting.
 *
 * <p>Reusable (the label buffer is kept between calls) but not thread-safe. The {@link Components}
 * a call returns view this labeller's buffers and are valid until its next call.
 */
public final class ComponentLabeller {

    /**
     * Per pixel, row-major, the component label. A heap array: both passes read and write it at the
     * current and previous row, which plain array access does fastest, and it is scratch that lives
     * only as long as this labeller.
     */
    private int[] labels = new int[0];
    private int[] parent = new int[64];
    private int[] rowValues = new int[0];
    private int[] previousValues = new int[0];
    private byte[] rowBytes = new byte[0];
    private final Components result = new Components();

    /** The components of the nonzero pixels of {@code mask} (either pixel order). */
    public Components label(Mask mask) {
        Objects.requireNonNull(mask, "mask");
        return run(mask.h(), mask.w(), (y, out) -> readMaskRow(mask, y, out));
    }

    /**
     * The components of {@code map}: 8-connected regions of pixels that share one nonzero label.
     * Touching pixels of different labels belong to different components.
     */
    public Components label(LabelMap map) {
        Objects.requireNonNull(map, "map");
        return run(map.h(), map.w(), (y, out) -> readMapRow(map, y, out));
    }

    @FunctionalInterface
    private interface RowSource {
        void read(int y, int[] out);
    }

    private Components run(int h, int w, RowSource rows) {
        int pixels = Math.toIntExact((long) h * w);
        if (labels.length < pixels) {
            labels = new int[pixels];
        }
        if (rowValues.length < w) {
            rowValues = new int[w];
            previousValues = new int[w];
        }
        int provisional = firstPass(h, w, rows);
        int count = resolveRoots(provisional);
        result.reset(labels, h, w, count);
        secondPass(h, w, rows);
        return result;
    }

    /** Assigns provisional labels and records their unions; returns how many were assigned. */
    private int firstPass(int h, int w, RowSource rows) {
        int[] lab = labels;
        int next = 1;
        parent[0] = 0;
        int[] above = previousValues;
        int[] current = rowValues;
        for (int y = 0; y < h; y++) {
            rows.read(y, current);
            int row = y * w;
            int up = row - w;
            for (int x = 0; x < w; x++) {
                int v = current[x];
                if (v == 0) {
                    lab[row + x] = 0;
                    continue;
                }
                int l = 0;
                if (x > 0 && current[x - 1] == v) {
                    l = lab[row + x - 1];
                }
                if (y > 0) {
                    if (x > 0 && above[x - 1] == v) {
                        l = join(l, lab[up + x - 1]);
                    }
                    if (above[x] == v) {
                        l = join(l, lab[up + x]);
                    }
                    if (x + 1 < w && above[x + 1] == v) {
                        l = join(l, lab[up + x + 1]);
                    }
                }
                if (l == 0) {
                    if (next == parent.length) {
                        parent = Arrays.copyOf(parent, next * 2);
                    }
                    parent[next] = next;
                    l = next++;
                }
                lab[row + x] = l;
            }
            int[] swap = above;
            above = current;
            current = swap;
        }
        return next - 1;
    }

    /** Unites the sets of {@code a} (0 = none yet) and {@code b}; returns the root, the smaller label. */
    private int join(int a, int b) {
        int rb = find(b);
        if (a == 0) {
            return rb;
        }
        int ra = find(a);
        if (ra == rb) {
            return ra;
        }
        int root = Math.min(ra, rb);
        parent[Math.max(ra, rb)] = root;
        return root;
    }

    private int find(int l) {
        int root = l;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[l] != root) {
            int up = parent[l];
            parent[l] = root;
            l = up;
        }
        return root;
    }

    /**
     * Maps every provisional label to its final number in place ({@code parent[l]} becomes it). Roots
     * are met in increasing label order, which is raster order of the components' first pixels.
     */
    private int resolveRoots(int provisional) {
        int count = 0;
        for (int l = 1; l <= provisional; l++) {
            int p = parent[l];
            // a root keeps parent == itself; every non-root's parent is a smaller, already resolved label
            parent[l] = p == l ? ++count : parent[p];
        }
        return count;
    }

    private void secondPass(int h, int w, RowSource rows) {
        int[] lab = labels;
        int[] values = rowValues;
        for (int y = 0; y < h; y++) {
            rows.read(y, values);
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int l = lab[row + x];
                if (l != 0) {
                    int c = parent[l];
                    lab[row + x] = c;
                    result.add(c, x, y, values[x]);
                }
            }
        }
    }

    private void readMaskRow(Mask mask, int y, int[] out) {
        int w = mask.w();
        if (mask.order() == Order.ROW_MAJOR) {
            if (rowBytes.length < w) {
                rowBytes = new byte[w];
            }
            MemorySegment.copy(mask.data(), ValueLayout.JAVA_BYTE, (long) y * w, rowBytes, 0, w);
            for (int x = 0; x < w; x++) {
                out[x] = rowBytes[x] != 0 ? 1 : 0;
            }
        } else {
            for (int x = 0; x < w; x++) {
                out[x] = mask.get(y, x) != 0 ? 1 : 0;
            }
        }
    }

    private static void readMapRow(LabelMap map, int y, int[] out) {
        int w = map.w();
        for (int x = 0; x < w; x++) {
            out[x] = map.get(y, x);
        }
    }
}
