/**
 * Geometry on masks: cv2-exact contours and approxPolyDP, connected components, and Pillow's polygon fill
 * (Cityscapes) into label maps or into runs per row. Dense loops go through engine.simd's front door; uses
 * engine.mask and fastutil, no file formats.
 */
package dev.segpack.engine.geometry;
