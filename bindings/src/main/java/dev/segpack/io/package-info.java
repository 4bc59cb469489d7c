/**
 * What every format adapter shares: the JSON factory and JSON text output ({@link dev.segpack.io.JsonText},
 * {@link dev.segpack.io.PyFloat}, {@link dev.segpack.io.CocoFileWriter}), files written whole or not at all
 * ({@link dev.segpack.io.AtomicOutput}) and flushed to disk behind their writer ({@link dev.segpack.io.FlushBehind}),
 * progress, the one ordered, bounded parallel pipeline with its worker threads, and the one wait for work
 * done on another thread ({@link dev.segpack.io.Futures}). Uses the engine, Jackson and the JDK.
 */
package dev.segpack.io;
