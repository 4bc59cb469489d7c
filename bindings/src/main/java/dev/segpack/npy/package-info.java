/**
 * numpy .npy files: header parsing with limits checked before allocation, arrays read into and written from
 * off-heap memory in either order. Uses engine.mask and dev.segpack.io.
 */
package dev.segpack.npy;
