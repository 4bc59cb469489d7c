/**
 * COCO panoptic (PNG ids R + 256 G + 65536 B, segments_info JSON) to and from detection RLEs and semantic
 * PNGs, panopticapi's semantics. Uses the engine, dev.segpack.coco's file index, dev.segpack.image and dev.segpack.io.
 */
package dev.segpack.panoptic;
