package dev.segpack.engine.cityscapes;

import dev.segpack.engine.geometry.RowRuns;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A frame's images as {@link CityscapesRenderer#renderRuns} draws them: per image, runs of the numbers of the objects
 * on top (0 the background, o + 1 object o) and the ink each number has in that image. Images that draw the same
 * objects share their runs (the label images, and usually the instance images too).
 */
public final class ImageRuns {

    private static final ImageType[] TYPES = ImageType.values();

    private final RowRuns[] own = new RowRuns[TYPES.length];
    private final RowRuns[] layers = new RowRuns[TYPES.length];
    private final int[][] inks = new int[TYPES.length][];
    private final Set<ImageType> types = EnumSet.noneOf(ImageType.class);
    private int height;
    private int width;

    ImageRuns() {
    }

    public int h() {
        return height;
    }

    public int w() {
        return width;
    }

    /** The images drawn. */
    public Set<ImageType> types() {
        return EnumSet.copyOf(types);
    }

    /**
     * Row y of the image of {@code type} as runs: the first column and the ink of each, ascending, no two
     * neighbours with the same ink; returns their number. The arrays must hold w elements.
     */
    public int row(ImageType type, int y, int[] starts, int[] rowInks) {
        RowRuns layer = layers[type.ordinal()];
        int[] ink = inks[type.ordinal()];
        int n = 0;
        for (int i = 0, count = layer.count(y); i < count; i++) {
            int v = ink[layer.value(y, i)];
            if (n == 0 || rowInks[n - 1] != v) {
                starts[n] = layer.start(y, i);
                rowInks[n++] = v;
            }
        }
        return n;
    }

    /**
     * Empty h×w images of {@code drawn}: {@code objectInks[o * TYPES + t]} is object o's ink in image type t, or
     * {@code skip} where it is not drawn; {@code backgrounds[t]} the background's.
     */
    void reset(int h, int w, Set<ImageType> drawn, int objects, int[] objectInks, int[] backgrounds, int skip) {
        types.clear();
        types.addAll(drawn);
        height = h;
        width = w;
        Arrays.fill(layers, null);
        for (ImageType type : drawn) {
            int t = type.ordinal();
            if (inks[t] == null || inks[t].length < objects + 1) {
                inks[t] = new int[objects + 1];
            }
            inks[t][0] = backgrounds[t];
            for (int o = 0; o < objects; o++) {
                inks[t][o + 1] = objectInks[o * TYPES.length + t];
            }
            for (ImageType other : drawn) {
                if (other == type) {
                    break;
                }
                if (layers[other.ordinal()] == own[other.ordinal()] && sameObjects(objectInks, objects, other, type, skip)) {
                    layers[t] = layers[other.ordinal()];
                    break;
                }
            }
            if (layers[t] == null) {
                if (own[t] == null) {
                    own[t] = new RowRuns();
                }
                own[t].reset(h, w);
                layers[t] = own[t];
            }
        }
    }

    /** The runs object numbers are painted into for {@code type}, or null when it shares another type's. */
    RowRuns ownLayer(ImageType type) {
        RowRuns layer = layers[type.ordinal()];
        return layer == own[type.ordinal()] ? layer : null;
    }

    private static boolean sameObjects(int[] objectInks, int objects, ImageType a, ImageType b, int skip) {
        for (int o = 0; o < objects; o++) {
            if ((objectInks[o * TYPES.length + a.ordinal()] == skip) != (objectInks[o * TYPES.length + b.ordinal()] == skip)) {
                return false;
            }
        }
        return true;
    }
}
