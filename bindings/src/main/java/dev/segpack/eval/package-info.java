/**
 * COCO evaluation of files: ground truth from a CocoIndex, results from CocoResults, the engine's
 * COCOeval on them, and what is made of its arrays (per-category table, JSON report, PR chart, overlays).
 * Uses dev.segpack.coco, dev.segpack.image, dev.segpack.io and the engine.
 */
package dev.segpack.eval;
