package dev.segpack.engine.cityscapes;

import java.util.Objects;

/**
 * One row of cityscapesScripts' labels.py table, with its columns: id is what labelIds/instanceIds images
 * hold (−1: never drawn, e.g. license plate), trainId what the *TrainIds images hold.
 */
public record Label(String name, int id, int trainId, String category, int categoryId, boolean hasInstances,
        boolean ignoreInEval, Rgb color) {

    /** A label colour, each channel 0..255. */
    public record Rgb(int red, int green, int blue) {
        public Rgb {
            if ((red | green | blue) >>> 8 != 0) {
                throw new IllegalArgumentException("colour channels must be 0..255, got " + red + " " + green + " " + blue);
            }
        }

        /** The opaque RGBA pixel as an int whose little-endian bytes are R, G, B, A (255). */
        public int rgba() {
            return red | green << 8 | blue << 16 | 0xFF << 24;
        }
    }

    /**
     * Ids are −1..255: an 8-bit label image holds 0..255 (Pillow would silently clip anything else) and
     * −1 is labels.py's "no id".
     */
    public Label {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(color, "color");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a label needs a name");
        }
        if (id < -1 || id > 255) {
            throw new IllegalArgumentException("label '" + name + "': id " + id + " is outside -1..255");
        }
        if (trainId < -1 || trainId > 255) {
            throw new IllegalArgumentException("label '" + name + "': trainId " + trainId + " is outside -1..255");
        }
    }
}
