/**
 * COCO annotation files: the one byte-level index of a file (CocoIndex: every member's and item's byte range,
 * primitive columns), the streaming coco rle rewriter built on it (CocoRleConverter; its workers convert
 * AnnotationRuns with RunConversion, reading annotations with JsonScanner and writing bytes with JsonOutput, as
 * Jackson's generator wrote them, starting on the runs BackgroundIndex hands over while the rest of the file is
 * indexed), and the results reader (loadRes)
 * CocoResults; the byte scanner JsonScanner, which other formats' readers use too. Uses the engine,
 * dev.segpack.io, Jackson (for the rarer values and for invalid-JSON messages), fastutil.
 */
package dev.segpack.coco;
