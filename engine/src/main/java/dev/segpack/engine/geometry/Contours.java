package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;

/** Contour finding with the behaviour of OpenCV 4.6's {@code cv2.findContours}. */
public final class Contours {

    private Contours() {
    }

    /**
     * The contours of the nonzero pixels of {@code mask} (either pixel order), exactly as
     * {@code cv2.findContours(mask, mode, method)} returns them. Use a {@link ContourFinder} to
     * reuse the working buffers across many masks.
     */
    public static ContourSet find(Mask mask, RetrievalMode mode, ChainApprox method) {
        return new ContourFinder().find(mask, mode, method);
    }
}
