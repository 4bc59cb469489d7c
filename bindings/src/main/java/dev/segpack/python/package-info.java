/**
 * The Java side of the segpack Python package (bindings/python): pycocotools' mask verbs and COCO.annToRLE over
 * numpy buffers and primitive arrays, one call per batch. Uses the engine and dev.segpack.coco; no logic of its own.
 */
package dev.segpack.python;
