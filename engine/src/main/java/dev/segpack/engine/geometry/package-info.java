/**
 * Geometry on masks: cv2-exact contours and approxPolyDP, connected components, and Pillow's polygon fill
 * (Cityscapes). Dense loops go through engine.simd's front door; uses engine.mask and fastutil, no file formats.
 */
package dev.segpack.engine.geometry;
