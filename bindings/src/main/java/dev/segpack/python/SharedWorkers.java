package dev.segpack.python;

import dev.segpack.io.Workers;

/**
 * The worker threads of the Python binding: one daemon pool per JVM, one thread per processor, for the
 * calls whose work is split (an evaluation, a batch of masks). The JVM lives as long as the Python
 * process, so the pool is never closed.
 */
final class SharedWorkers {

    static final Workers POOL = new Workers(Runtime.getRuntime().availableProcessors());

    private SharedWorkers() {
    }
}
