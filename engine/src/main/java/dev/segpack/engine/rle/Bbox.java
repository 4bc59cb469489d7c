package dev.segpack.engine.rle;

/** A box [x, y, w, h] in pixels, as pycocotools' toBbox returns it (doubles). */
public record Bbox(double x, double y, double w, double h) {

    public static final Bbox EMPTY = new Bbox(0, 0, 0, 0);

    public double area() {
        return w * h;
    }

    public double[] toArray() {
        return new double[] {x, y, w, h};
    }
}
