/**
 * The COCO RLE API bit-exact with pycocotools' maskApi.c: one type {@link dev.segpack.engine.rle.Rle} (valid by
 * construction), the verbs in {@link dev.segpack.engine.rle.MaskApi}, the counts string in RleString, IoU in interval
 * form, polygon rasterisation and the RLE algebra the exporters need (RleOps). Uses engine.mask, engine.simd, engine.parallel.
 */
package dev.segpack.engine.rle;
