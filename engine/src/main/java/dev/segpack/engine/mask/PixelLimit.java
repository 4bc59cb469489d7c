package dev.segpack.engine.mask;

import java.util.Optional;

/**
 * The most pixels segpack holds in memory for one image, mask or label map: 2³¹ unless the system
 * property {@value #PROPERTY} says otherwise (the CLI sets it through {@link #set}). Decoders check the
 * size their headers declare against it before allocating anything of that size, so a tiny file that
 * declares a huge image is refused at once; {@link Mask#allocate} and {@link LabelMap#allocate} check it
 * again. COCO RLE's own ceiling, {@link Mask#MAX_PIXELS}, applies whatever this limit is.
 */
public final class PixelLimit {

    public static final String PROPERTY = "segpack.max.pixels";
    public static final long DEFAULT = 1L << 31;

    private PixelLimit() {
    }

    /** The limit in pixels per image. */
    public static long max() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return DEFAULT;
        }
        try {
            long max = Long.parseLong(value.strip());
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // refused below, naming the property
        }
        throw new IllegalArgumentException("system property " + PROPERTY + " is '" + value
                + "'; expected a positive number of pixels");
    }

    /** Sets the limit for this JVM (what {@code --max-pixels} does). */
    public static void set(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive, not " + pixels);
        }
        System.setProperty(PROPERTY, Long.toString(pixels));
    }

    /**
     * Why an h×w image (sizes as a header declares them) is over the limit, or empty when it is not:
     * "h×w (h x w) = N pixels, more than the limit of M pixels per image (…)".
     */
    public static Optional<String> excess(long h, long w) {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("negative image size " + h + "x" + w);
        }
        long max = max();
        boolean overflows = Math.multiplyHigh(h, w) != 0 || h * w < 0;
        if (!overflows && h * w <= max) {
            return Optional.empty();
        }
        return Optional.of(h + "x" + w + " (h x w) = " + (overflows ? "more than 2^63" : Long.toString(h * w))
                + " pixels, more than the limit of " + max + " pixels per image (system property " + PROPERTY + ")");
    }

    /** h·w, refused with {@link #excess}'s reason when over the limit. */
    public static long checkedPixels(int h, int w) {
        Optional<String> excess = excess(h, w);
        if (excess.isPresent()) {
            throw new IllegalArgumentException(excess.get());
        }
        return (long) h * w;
    }
}
