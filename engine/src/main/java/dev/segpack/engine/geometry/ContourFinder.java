package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.simd.Kernels;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;
import java.util.Objects;

/**
 * Suzuki–Abe border following with exactly the behaviour of OpenCV 4.6's {@code cv::findContours}
 * on a uint8 image: the same contours, points, order and hierarchy for every retrieval mode and
 * approximation method. Reusable (it keeps its scratch buffers between calls) but not thread-safe.
 *
 * <p>How OpenCV behaves, and therefore this class:
 * <ul>
 * <li>The mask is copied into a buffer with a one-pixel zero frame and thresholded to 0/1. A raster
 * scan of the inner rows looks only at places where the byte value changes. A 0→1 step starts an
 * outer border; a step from a pixel that is 1 or carries a non-right-bound mark to 0 starts a
 * hole border (traced from the pixel left of the 0).</li>
 * <li>Tracing marks border pixels: with the negative mark ({@code mark | 0x80}) where the pixel's
 * right neighbour was examined and found 0, else with the positive mark if the pixel was still 1.
 * EXTERNAL and LIST always mark with 2; CCOMP and TREE give each contour the next mark of the
 * cycle 2, 3, ..., 127, 3, 4, ... and remember the contours per mark.</li>
 * <li>"lnbd" is the x of the start of the last run of marked pixels met on the current row (or of
 * the last contour started). EXTERNAL skips a new outer border when the pixel at lnbd has a
 * positive mark (inside a traced component). CCOMP and TREE find the contour that owns the pixel at
 * lnbd among the contours with its mark: the most recent one whose bounding box contains it, checked
 * by re-tracing when several qualify. A contour of the same kind (outer/hole) as that one gets its
 * parent, else that one is the parent. CCOMP makes every outer border top-level.</li>
 * <li>Each contour is inserted at the head of its parent's child list, and the output is a
 * pre-order walk of that tree: siblings come out in reverse order of discovery. Hierarchy entries
 * are next (discovered earlier), previous (discovered later), first child, parent.</li>
 * </ul>
 */
public final class ContourFinder {

    /** x step of each Freeman chain code: 0 = +x, then counter-clockwise in image space (y down). */
    static final int[] STEP_X = {1, 1, 0, -1, -1, -1, 0, 1};
    /** y step of each Freeman chain code. */
    static final int[] STEP_Y = {0, -1, -1, -1, 0, 1, 1, 1};

    /** Parent of a top-level contour. */
    private static final int FRAME = -1;
    /** End of a per-mark contour list. */
    private static final int END = -1;
    private static final int FIRST_MARK = 2;

    /**
     * The padded working copy (see {@link PaddedBinaryImage}). A heap array: tracing reads and
     * writes single bytes at scattered indices, which plain array access does fastest, and it is
     * scratch that lives only as long as this finder.
     */
    private byte[] image = new byte[0];
    private int stride;
    /** Index offsets of the 8 neighbours by chain code, twice over so a search may run past 7. */
    private final int[] delta = new int[16];

    // Per contour, in order of discovery.
    private final IntArrayList starts = new IntArrayList(64);
    private final IntArrayList holes = new IntArrayList(64);
    private final IntArrayList parents = new IntArrayList(64);
    private final IntArrayList origins = new IntArrayList(64);
    /** Bounding boxes, 4 ints per contour: x, y, width, height in padded coordinates. */
    private final IntArrayList boxes = new IntArrayList(256);
    /** The previous contour that got the same mark, or END. */
    private final IntArrayList sameMark = new IntArrayList(64);
    private final int[] lastWithMark = new int[128];

    /** Contour points in order of discovery, x,y interleaved, in mask coordinates. */
    private final IntArrayList points = new IntArrayList(4096);
    private byte[] codes = new byte[1024];
    private int codeCount;
    private final TehChinApproximation tehChin = new TehChinApproximation();
    private int minX;
    private int minY;
    private int maxX;
    private int maxY;

    /** The contours of the nonzero pixels of {@code mask}; an empty mask (h or w = 0) has none. */
    public ContourSet find(Mask mask, RetrievalMode mode, ChainApprox method) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(method, "method");
        starts.clear();
        holes.clear();
        parents.clear();
        origins.clear();
        boxes.clear();
        sameMark.clear();
        points.clear();
        if (mask.h() == 0 || mask.w() == 0) {
            return new ContourSet(new int[0], new int[1], new int[0]);
        }
        int size = PaddedBinaryImage.paddedSize(mask.h(), mask.w());
        if (image.length < size) {
            image = new byte[size];
        }
        PaddedBinaryImage.load(mask, image);
        stride = mask.w() + 2;
        int[] neighbour = {1, -stride + 1, -stride, -stride - 1, -1, stride - 1, stride, stride + 1};
        System.arraycopy(neighbour, 0, delta, 0, 8);
        System.arraycopy(neighbour, 0, delta, 8, 8);
        scan(mask.h() + 2, mode, method);
        return assemble();
    }

    private void scan(int height, RetrievalMode mode, ChainApprox method) {
        byte[] img = image;
        boolean hierarchic = mode == RetrievalMode.CCOMP || mode == RetrievalMode.TREE;
        int nextMark = FIRST_MARK;
        Arrays.fill(lastWithMark, END);
        for (int y = 1; y < height - 1; y++) {
            int row = y * stride;
            int rowEnd = row + stride - 1;
            int lnbd = 0;
            int prev = 0;
            int i = row + 1;
            while ((i = Kernels.firstDifferent(img, i, rowEnd, (byte) prev)) < rowEnd) {
                int x = i - row;
                int p = img[i];
                int hole;
                if (prev == 0 && p == 1) {
                    hole = 0;
                } else if (p == 0 && prev >= 1) {
                    if (prev >= 2) {
                        lnbd = x - 1;
                    }
                    hole = 1;
                } else {
                    prev = p;
                    if ((p & -2) != 0) { // a mark (neither 0 nor 1) starts a new run
                        lnbd = x;
                    }
                    i++;
                    continue;
                }
                if (mode == RetrievalMode.EXTERNAL && (hole == 1 || img[row + lnbd] > 0)) {
                    prev = p; // 0 or 1: not a mark, lnbd stays
                    i++;
                    continue;
                }
                int parent = FRAME;
                if (hierarchic && lnbd > 0 && (hole == 1 || mode == RetrievalMode.TREE)) {
                    parent = findParent(img[row + lnbd] & 0x7F, lnbd, y, row + lnbd, hole);
                }
                lnbd = x - hole;
                int mark = FIRST_MARK;
                if (hierarchic) {
                    mark = nextMark; // marks must fit 7 bits: 2, 3, ..., 127, then 3 again
                    nextMark = (nextMark + 1) & 127;
                    if (nextMark == 0) {
                        nextMark = 3;
                    }
                }
                int contour = starts.size();
                starts.add(points.size() >> 1);
                holes.add(hole);
                parents.add(parent);
                trace(i - hole, x - hole, y, hole, mark, method);
                if (hierarchic) {
                    origins.add(i - hole);
                    boxes.add(minX);
                    boxes.add(minY);
                    boxes.add(maxX - minX + 1);
                    boxes.add(maxY - minY + 1);
                    sameMark.add(lastWithMark[mark]);
                    lastWithMark[mark] = contour;
                }
                prev = img[i]; // re-read: tracing may have marked it
                i++;
            }
        }
    }

    /**
     * The parent of a contour starting on row y whose lnbd pixel (at {@code lnbdIndex}, column
     * {@code lnbdX}) carries {@code mark}.
     */
    private int findParent(int mark, int lnbdX, int y, int lnbdIndex, int hole) {
        int owner = END;
        for (int c = lastWithMark[mark]; c != END; c = sameMark.getInt(c)) {
            int box = 4 * c;
            if (Integer.compareUnsigned(lnbdX - boxes.getInt(box), boxes.getInt(box + 2)) < 0
                    && Integer.compareUnsigned(y - boxes.getInt(box + 1), boxes.getInt(box + 3)) < 0) {
                if (owner != END && isLastBorderAt(origins.getInt(owner), holes.getInt(owner), lnbdIndex)) {
                    break;
                }
                owner = c;
            }
        }
        if (owner == END) {
            throw new IllegalStateException("no contour with mark " + mark + " contains (" + (lnbdX - 1)
                    + ", " + (y - 1) + ")");
        }
        return holes.getInt(owner) == hole ? parents.getInt(owner) : owner;
    }

    /**
     * Re-traces the contour that starts at {@code start} and tells whether it passes through
     * {@code stop} as the last border a raster scan meets there: the pixel has no right-bound mark,
     * or every neighbour between the outgoing direction and direction 0 (clockwise) is background.
     */
    private boolean isLastBorderAt(int start, int hole, int stop) {
        byte[] img = image;
        int[] d = delta;
        int s = firstNeighbour(img, d, start, hole);
        if (s < 0) {
            return start == stop;
        }
        int i1 = start + d[s];
        int i3 = start;
        while (true) {
            int i4;
            do {
                i4 = i3 + d[++s];
            } while (img[i4] == 0);
            if (i3 == stop) {
                if ((img[i3] & 0x80) == 0) {
                    return true;
                }
                int t = s;
                while (true) {
                    t = (t - 1) & 7;
                    if (img[i3 + d[t]] != 0) {
                        break;
                    }
                    if (t == 0) {
                        return true;
                    }
                }
            }
            if (i4 == start && i3 == i1) {
                return false;
            }
            i3 = i4;
            s = (s + 4) & 7;
        }
    }

    /**
     * The direction of the first foreground neighbour of the border pixel {@code i}, looking clockwise
     * from the pixel after the 0 that started the border; -1 for an isolated pixel.
     */
    private static int firstNeighbour(byte[] img, int[] d, int i, int hole) {
        int sEnd = hole == 1 ? 0 : 4;
        int s = sEnd;
        do {
            s = (s - 1) & 7;
        } while (img[i + d[s]] == 0 && s != sEnd);
        return s == sEnd ? -1 : s;
    }

    /**
     * Follows the border that starts at padded index {@code i0} = (x0, y0), marks it, appends its
     * points (or its chain, approximated) and leaves its bounding box in minX..maxY.
     */
    private void trace(int i0, int x0, int y0, int hole, int mark, ChainApprox method) {
        byte[] img = image;
        int[] d = delta;
        byte positive = (byte) mark;
        byte rightBound = (byte) (mark | 0x80);
        boolean chain = method == ChainApprox.TC89_L1 || method == ChainApprox.TC89_KCOS;
        boolean every = method == ChainApprox.NONE;
        minX = maxX = x0;
        minY = maxY = y0;
        codeCount = 0;
        int s = firstNeighbour(img, d, i0, hole);
        if (s < 0) {
            img[i0] = rightBound; // isolated pixel
            if (!chain) {
                points.add(x0 - 1);
                points.add(y0 - 1);
            }
        } else {
            int i1 = i0 + d[s];
            int i3 = i0;
            int x = x0;
            int y = y0;
            int previous = s ^ 4;
            while (true) {
                // Counter-clockwise from where we came from, to the next border pixel.
                int sEnd = s;
                int i4;
                do {
                    i4 = i3 + d[++s];
                } while (img[i4] == 0);
                s &= 7;
                if (s >= 1 && s <= sEnd) {
                    img[i3] = rightBound; // the search passed the right neighbour, a 0
                } else if (img[i3] == 1) {
                    img[i3] = positive;
                }
                if (chain) {
                    addCode(s);
                } else if (every || s != previous) {
                    points.add(x - 1);
                    points.add(y - 1);
                }
                if (s != previous) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                previous = s;
                x += STEP_X[s];
                y += STEP_Y[s];
                if (i4 == i0 && i3 == i1) {
                    break;
                }
                i3 = i4;
                s = (s + 4) & 7;
            }
        }
        if (chain) {
            tehChin.approximate(codes, codeCount, x0 - 1, y0 - 1, method == ChainApprox.TC89_KCOS, points);
        }
    }

    private void addCode(int code) {
        if (codeCount == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        codes[codeCount++] = (byte) code;
    }

    /** Orders the contours as OpenCV's tree walk does and builds the hierarchy. */
    private ContourSet assemble() {
        int n = starts.size();
        int[] firstChild = new int[n + 1];
        Arrays.fill(firstChild, -1);
        int[] nextSibling = new int[n];
        int[] previousSibling = new int[n];
        Arrays.fill(previousSibling, -1);
        for (int c = 0; c < n; c++) {
            int parent = parents.getInt(c) == FRAME ? n : parents.getInt(c);
            nextSibling[c] = firstChild[parent];
            if (firstChild[parent] >= 0) {
                previousSibling[firstChild[parent]] = c;
            }
            firstChild[parent] = c;
        }
        int[] rank = new int[n];
        int[] order = new int[n];
        int count = 0;
        int node = firstChild[n];
        while (node >= 0) {
            order[count] = node;
            rank[node] = count++;
            if (firstChild[node] >= 0) {
                node = firstChild[node];
                continue;
            }
            while (node >= 0 && nextSibling[node] < 0) {
                node = parents.getInt(node);
            }
            if (node >= 0) {
                node = nextSibling[node];
            }
        }
        int total = points.size() >> 1;
        int[] xy = new int[2 * total];
        int[] offsets = new int[n + 1];
        int[] hierarchy = new int[4 * n];
        int[] src = points.elements();
        int written = 0;
        for (int o = 0; o < n; o++) {
            int c = order[o];
            int from = starts.getInt(c);
            int to = c + 1 < n ? starts.getInt(c + 1) : total;
            System.arraycopy(src, 2 * from, xy, 2 * written, 2 * (to - from));
            offsets[o] = written;
            written += to - from;
            hierarchy[4 * o] = rankOf(rank, nextSibling[c]);
            hierarchy[4 * o + 1] = rankOf(rank, previousSibling[c]);
            hierarchy[4 * o + 2] = rankOf(rank, firstChild[c]);
            hierarchy[4 * o + 3] = rankOf(rank, parents.getInt(c));
        }
        offsets[n] = written;
        return new ContourSet(xy, offsets, hierarchy);
    }

    private static int rankOf(int[] rank, int contour) {
        return contour < 0 ? -1 : rank[contour];
    }
}
