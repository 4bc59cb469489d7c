/**
 * Cityscapes ground-truth folders: polygons JSON read as annotation.py reads it, the five images rendered to PNG,
 * COCO instances through the dataset model and panoptic as convert2panoptic writes it. Uses engine.cityscapes,
 * dev.segpack.dataset, dev.segpack.panoptic, dev.segpack.maskimg, dev.segpack.image, dev.segpack.io and the byte
 * scanner of dev.segpack.coco.
 */
package dev.segpack.cityscapes;
