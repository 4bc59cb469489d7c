/**
 * COCO evaluation (pycocotools' COCOeval: evaluateImg, accumulate, summarize) on arrays, with
 * pycocotools' arithmetic bit for bit. No file formats; uses only {@code dev.segpack.engine.rle} for IoU.
 */
package dev.segpack.engine.eval;
