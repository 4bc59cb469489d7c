/**
 * segpack on Apache Spark: the {@code segpack spark} jobs, whose outputs equal the single-machine commands'.
 * Uses the bindings (CocoRleConverter, MaskImageReader, CocoFileWriter), the engine and Spark's public API.
 */
package dev.segpack.spark;
