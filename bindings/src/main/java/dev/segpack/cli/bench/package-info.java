/**
 * segpack bench: one engine workload timed after warm-up on a .npy or JSON file, one JSON line out, for the
 * comparison harness (bench/harness/compare.py). Uses the engine, dev.segpack.npy, dev.segpack.coco, dev.segpack.skeleton and dev.segpack.io.
 */
package dev.segpack.cli.bench;
