/**
 * Many RLEs in one off-heap batch (all counts in one segment plus offsets): batch encode, decode and IoU on the
 * caller's Executor, deterministic for any thread count. Uses engine.mask, engine.rle, engine.simd, engine.parallel.
 */
package dev.segpack.engine.batch;
