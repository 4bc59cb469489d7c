package dev.segpack.maskimg;

import dev.segpack.dataset.ImageInfo;
import java.util.List;

/**
 * The objects of one image, in order (by mask file: category, instance number, name; within a file
 * by first pixel), with counts for the summary: mask files read, files with no foreground, objects
 * left out for being smaller than the minimum area.
 */
record ImageObjects(String stem, ImageInfo image, List<ExtractedObject> objects, int maskFiles, int emptyMasks,
                    int belowMinArea) {
}
