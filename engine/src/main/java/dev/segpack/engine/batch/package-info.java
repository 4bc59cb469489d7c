/**
 * Many RLEs in one batch (all counts in one int array plus offsets): batch encode, decode and IoU on the
 * caller's Executor, deterministic for any thread count. Uses engine.mask, engine.rle, engine.simd, engine.parallel.
 */
package dev.segpack.engine.batch;
