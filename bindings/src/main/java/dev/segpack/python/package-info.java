/**
 * The Java side of the segpack Python package (bindings/python): pycocotools' mask verbs, COCO.annToRLE and
 * COCOeval, PYSKL's pickles and heatmaps, cityscapesScripts' images, over numpy buffers and primitive arrays, one
 * call per batch. Uses the engine and dev.segpack.coco, .skeleton, .cityscapes, .dataset; no logic of its own.
 */
package dev.segpack.python;
