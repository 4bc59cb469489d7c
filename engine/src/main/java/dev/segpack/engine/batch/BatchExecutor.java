package dev.segpack.engine.batch;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The threads a batch operation runs on: the caller's thread alone ({@link #serial()}) or a pool
 * of its own ({@link #threads(int)}), closed with the executor. Work is cut into contiguous chunks
 * whose results land at fixed places, so the output never depends on the thread count.
 */
public final class BatchExecutor implements AutoCloseable {

    /** Chunks per thread: enough to even out masks of unequal cost, few enough to stay cheap. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final ForkJoinPool pool;
    private final int threads;

    private BatchExecutor(ForkJoinPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** Runs everything in the calling thread. */
    public static BatchExecutor serial() {
        return new BatchExecutor(null, 1);
    }

    /** A pool of {@code threads} worker threads (1 is the same as {@link #serial()}). */
    public static BatchExecutor threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, not " + threads);
        }
        return threads == 1 ? serial() : new BatchExecutor(new ForkJoinPool(threads), threads);
    }

    public int threads() {
        return threads;
    }

    /** How many chunks to cut {@code items} into. */
    int chunks(int items) {
        return Math.max(1, Math.min(items, threads * CHUNKS_PER_THREAD));
    }

    /** The first item of chunk {@code c} of {@code chunks} over {@code items} (chunk c ends where c + 1 starts). */
    static int chunkStart(int c, int chunks, int items) {
        return (int) ((long) items * c / chunks);
    }

    /** Runs {@code task} for every chunk index in [0, chunks) and waits for all; a failure is rethrown. */
    void forEachChunk(int chunks, IntConsumer task) {
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                task.accept(c);
            }
            return;
        }
        List<ForkJoinTask<?>> running = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            running.add(pool.submit(() -> task.accept(chunk)));
        }
        // wait for every chunk before reporting a failure, so nothing still writes when the caller sees it
        RuntimeException failure = null;
        for (ForkJoinTask<?> t : running) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Refuses a segment the pool's threads could not touch (one of a confined arena). */
    void checkShared(MemorySegment segment, String what) {
        if (pool != null && !segment.isAccessibleBy(Thread.ofVirtual().unstarted(() -> { }))) {
            throw new IllegalArgumentException(what + " belongs to a confined arena, which the " + threads
                    + " worker threads cannot read; allocate it in a shared, global or automatic arena, or use"
                    + " BatchExecutor.serial()");
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
