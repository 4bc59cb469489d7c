package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link ComponentLabeller} found: components 1..{@link #count()} with their pixel value,
 * area and bounding box, and the label of every pixel. It views the labeller's buffers and is valid
 * until the labeller's next call.
 */
public final class Components {

    private int[] labels;
    private int h;
    private int w;
    private int count;
    private long[] area = new long[16];
    private int[] value = new int[16];
    /** Per component min x, min y, max x, max y (inclusive). */
    private int[] box = new int[64];

    Components() {
    }

    void reset(int[] labels, int h, int w, int count) {
        this.labels = labels;
        this.h = h;
        this.w = w;
        this.count = count;
        if (area.length <= count) {
            int n = Math.max(count + 1, area.length * 2);
            area = new long[n];
            value = new int[n];
            box = new int[4 * n];
        }
        Arrays.fill(area, 0, count + 1, 0);
        for (int c = 1; c <= count; c++) {
            box[4 * c] = Integer.MAX_VALUE;
            box[4 * c + 1] = Integer.MAX_VALUE;
            box[4 * c + 2] = -1;
            box[4 * c + 3] = -1;
        }
    }

    void add(int c, int x, int y, int pixelValue) {
        area[c]++;
        value[c] = pixelValue;
        int b = 4 * c;
        if (x < box[b]) {
            box[b] = x;
        }
        if (y < box[b + 1]) {
            box[b + 1] = y;
        }
        if (x > box[b + 2]) {
            box[b + 2] = x;
        }
        box[b + 3] = y; // rows arrive in increasing order
    }

    /** The number of components; they are numbered 1..count. */
    public int count() {
        return count;
    }

    public int h() {
        return h;
    }

    public int w() {
        return w;
    }

    /** The component of pixel (y, x), 0 for background. */
    public int label(int y, int x) {
        Objects.checkIndex(y, h);
        Objects.checkIndex(x, w);
        return labels[y * w + x];
    }

    /** The pixel value shared by component {@code c}: 1 for a mask, the label for a label map. */
    public int value(int c) {
        return value[check(c)];
    }

    /** The number of pixels of component {@code c}. */
    public long area(int c) {
        return area[check(c)];
    }

    /** Leftmost column of component {@code c}. */
    public int x(int c) {
        return box[4 * check(c)];
    }

    /** Top row of component {@code c}. */
    public int y(int c) {
        return box[4 * check(c) + 1];
    }

    /** Width of the bounding box of component {@code c}. */
    public int width(int c) {
        return box[4 * check(c) + 2] - box[4 * c] + 1;
    }

    /** Height of the bounding box of component {@code c}. */
    public int height(int c) {
        return box[4 * check(c) + 3] - box[4 * c + 1] + 1;
    }

    /**
     * The pixels of component {@code c} cut to its bounding box: a row-major mask of
     * {@link #height} × {@link #width} allocated in {@code arena}, 1 where the pixel belongs to it.
     */
    public Mask crop(int c, Arena arena) {
        int x0 = x(c);
        int y0 = y(c);
        int cw = width(c);
        int ch = height(c);
        Mask out = Mask.allocate(arena, ch, cw, Order.ROW_MAJOR);
        MemorySegment data = out.data();
        byte[] row = new byte[cw];
        for (int y = 0; y < ch; y++) {
            int from = (y0 + y) * w + x0;
            for (int x = 0; x < cw; x++) {
                row[x] = labels[from + x] == c ? (byte) 1 : 0;
            }
            MemorySegment.copy(row, 0, data, ValueLayout.JAVA_BYTE, (long) y * cw, cw);
        }
        return out;
    }

    private int check(int c) {
        if (c < 1 || c > count) {
            throw new IndexOutOfBoundsException("component " + c + " is not in 1.." + count);
        }
        return c;
    }
}
