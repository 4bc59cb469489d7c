/**
 * COCO annotation files: the one byte-level index of a file (CocoIndex: every member's and item's byte range,
 * primitive columns), the streaming coco rle rewriter built on it, and the results reader (loadRes) CocoResults;
 * the byte scanner JsonScanner, which other formats' readers use too. Uses the engine, dev.segpack.io, Jackson,
 * fastutil.
 */
package dev.segpack.coco;
