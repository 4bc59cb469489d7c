/**
 * The dataset model (items, annotations, categories) with its COCO importer and datumaro-semantics COCO exporter
 * (instances, person_keypoints, panoptic, labels, image_info, captions). Uses the engine, dev.segpack.coco, dev.segpack.io.
 */
package dev.segpack.dataset;
