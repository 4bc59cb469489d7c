/**
 * Spark SQL functions over COCO RLE columns (area, bbox, decode, IoU, merge, polygons, counts), each one
 * engine call (dev.segpack.engine.rle MaskApi/RleString). Uses the engine, the bindings' Segmentation and Spark's public API.
 */
package dev.segpack.spark.sql;
