package dev.segpack.maskimg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where mask images are and how to read them.
 *
 * @param masks      the folder of mask files (see {@link MaskLayout})
 * @param images     the folder of the images (gives file names and sizes, and lists images without
 *                   masks), or null
 * @param categories the category map file, or null
 * @param layout     how mask files are named
 * @param threshold  binary masks: foreground is value &gt; threshold; {@link #DEFAULT_THRESHOLD} for 127
 *                   on JPEG and 0 on PNG
 * @param instances  split each mask (each value of a map) into 8-connected components
 * @param minArea    objects of fewer pixels are left out
 * @param imageExt   without {@code images}, the extension put after the image stem in file_name
 */
public record MaskImportOptions(Path masks, Path images, Path categories, MaskLayout.Kind layout, int threshold,
                                boolean instances, long minArea, String imageExt) {

    public static final int DEFAULT_THRESHOLD = MaskDecoder.DEFAULT_THRESHOLD;

    public MaskImportOptions {
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(imageExt, "imageExt");
        if (threshold < DEFAULT_THRESHOLD || threshold > 65535) {
            throw new IllegalArgumentException("threshold " + threshold + " is not in 0..65535");
        }
        if (minArea < 0) {
            throw new IllegalArgumentException("minimum area " + minArea + " is negative");
        }
    }
}
