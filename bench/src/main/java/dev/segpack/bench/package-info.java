/**
 * JMH benchmarks of the engine kernels and the writers, sharing one base state (KernelBenchmark). Uses the
 * engine and bindings; not shipped.
 */
package dev.segpack.bench;
