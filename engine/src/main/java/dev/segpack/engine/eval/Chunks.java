package dev.segpack.engine.eval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs work over [0, items) as contiguous chunks on an executor and waits for all of them. The chunks
 * do not depend on the executor, and each item writes only its own places, so results are the same
 * for any number of threads.
 */
final class Chunks {

    /** Enough chunks to even out cells of unequal cost on a few dozen threads. */
    private static final int MAX_CHUNKS = 256;

    @FunctionalInterface
    interface Range {
        /** Handles items [from, to); called once per chunk, possibly on another thread. */
        void run(int from, int to);
    }

    private Chunks() {
    }

    static void run(Executor executor, int items, Range task) {
        int chunks = Math.min(items, MAX_CHUNKS);
        CompletableFuture<?>[] running = new CompletableFuture<?>[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) items * c / chunks), to = (int) ((long) items * (c + 1) / chunks);
            running[c] = CompletableFuture.runAsync(() -> task.run(from, to), executor);
        }
        try {
            CompletableFuture.allOf(running).join();
        } catch (CompletionException e) {
            // allOf completes only once every chunk has, so nothing still writes when the caller sees this
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
