/**
 * PYSKL / mmaction2 skeleton annotations: safe pickle reading (a whitelist of globals, numpy arrays
 * off-heap) and writing, the annotation layout, Kinetics decompression and a random-access dataset
 * that draws pose heatmaps. Uses engine.skeleton, dev.segpack.npy, dev.segpack.io and Pyrolite.
 */
package dev.segpack.skeleton;
