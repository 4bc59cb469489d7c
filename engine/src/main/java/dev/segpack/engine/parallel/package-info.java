/**
 * Data-parallel loops of the engine over an {@link java.util.concurrent.Executor} the caller passes in:
 * the engine starts no threads and uses no global pool. Uses only the JDK.
 */
package dev.segpack.engine.parallel;
