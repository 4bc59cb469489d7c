/**
 * Off-heap masks and label maps (MemorySegment views in either pixel order), the one pixel-count limit every
 * mask obeys (COCO RLE's 2^32-1, Mask.checkedPixels) and the one configurable limit of pixels held in memory
 * per image (PixelLimit). Uses only the JDK; every other engine package builds on it.
 */
package dev.segpack.engine.mask;
