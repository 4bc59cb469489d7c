package dev.segpack.dataset;

import dev.segpack.engine.rle.Rle;
import java.util.List;

/**
 * One object as the instances task writes it (datumaro's {@code [leader, polygons, mask, bbox]}):
 * the group's leader (whose id, label and attributes are written), its polygons or its mask (at most
 * one of the two is non-empty; a mask makes it a crowd annotation), and its box.
 */
record Instance(Annotation leader, List<double[]> polygons, Rle mask, double[] bbox) {
}
