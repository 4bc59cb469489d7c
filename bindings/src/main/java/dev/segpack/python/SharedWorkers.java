package dev.segpack.python;

import dev.segpack.io.Workers;
import java.util.concurrent.Executor;

/**
 * The worker threads of the Python binding: one daemon pool per JVM, one thread per processor, for the
 * calls whose work is split (an evaluation, a batch of masks). The JVM lives as long as the Python
 * process, so the pool is never closed.
 */
final class SharedWorkers {

    static final Workers POOL = new Workers(Runtime.getRuntime().availableProcessors());

    /** Below this many bytes of input or output, a batch stays on the calling thread. */
    private static final long SPLIT_FROM_BYTES = 1 << 16;

    private SharedWorkers() {
    }

    /** Where to run work on {@code bytes} bytes: the pool, or the calling thread when handing it over costs more than it saves. */
    static Executor forBytes(long bytes) {
        return bytes < SPLIT_FROM_BYTES ? Runnable::run : POOL;
    }
}
