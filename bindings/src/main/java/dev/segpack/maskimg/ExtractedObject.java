package dev.segpack.maskimg;

import dev.segpack.engine.rle.Rle;
import java.util.List;

/**
 * One object found in a mask file: its category (label index), its mask as RLE, and, when asked
 * for, its outer contours (x0, y0, x1, y1, … in image pixels, as cv2.findContours RETR_EXTERNAL +
 * CHAIN_APPROX_SIMPLE gives them) and whether it has a hole.
 */
public record ExtractedObject(int label, Rle rle, List<int[]> contours, boolean hasHole) {
}
