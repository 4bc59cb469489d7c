/**
 * Off-heap masks and label maps (MemorySegment views in either pixel order) and the one pixel-count limit every
 * mask obeys. Uses only the JDK; every other engine package builds on it.
 */
package dev.segpack.engine.mask;
