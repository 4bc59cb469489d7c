package dev.segpack.engine.eval;

import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.Rle;

/**
 * The masks of a column of detections or ground truths, by row, for segm evaluation, in the form in
 * which IoU is computed: from masks held ({@link #of}), or made when the evaluation asks for one.
 * Each mask is compared in one cell only, so a reader that keeps its masks compressed and decodes each
 * there never holds the masks of all rows at once. Asked from any worker thread.
 */
@FunctionalInterface
public interface MaskColumn {

    /** The foreground of row {@code row}'s mask. */
    Foreground foreground(int row);

    /** The column of {@code masks} (null for none). */
    static MaskColumn of(Rle[] masks) {
        return masks == null ? null : row -> Foreground.of(masks[row]);
    }
}
