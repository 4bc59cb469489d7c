/**
 * Skeleton-based action recognition (PYSKL / PoseC3D) on arrays: the test-mode pose pipeline, pose
 * heatmaps and Kinetics decompression, bit-faithful to the toolbox's numpy code. Uses only the JDK
 * (FFM for the caller's output buffers); no file formats.
 */
package dev.segpack.engine.skeleton;
