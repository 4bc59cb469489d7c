/**
 * segpack on Apache Spark: the {@code segpack spark} jobs, whose outputs equal the single-machine commands'.
 * Uses the bindings (CocoRleConverter, MaskImageReader and ImageFile, CocoFileWriter, CocoEvaluation, CityscapesRender), the CLI's
 * option mixins (dev.segpack.cli), the engine and Spark's public API.
 */
package dev.segpack.spark;
