/**
 * Mask images (binary, label-map, colour; PNG or JPEG) to objects of the dataset model, for masks to-coco and
 * coco export --masks. Uses the engine (encode, contours), dev.segpack.image, dev.segpack.dataset and dev.segpack.io.
 */
package dev.segpack.maskimg;
