package dev.segpack.engine.parallel;

import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Work on items 0…n−1 cut into contiguous chunks that run on the caller's {@link Executor} (the
 * engine has no threads of its own; {@code Runnable::run} runs everything in the calling thread).
 * The chunks follow the machine's core count, never the executor, and each chunk's results land at
 * fixed places, so the output cannot depend on the thread count. The executor gets at most
 * {@link #MAX_TASKS_PER_CORE} tasks per core (one per chunk when there are fewer), and each takes
 * the next chunk not yet taken until none is left: a thread that drew cheap chunks takes more, and
 * chunks smaller than that cost a claim each, not a hand-off.
 */
public final class Chunks {

    /** Chunks per core: enough to even out items of unequal cost, few enough to stay cheap. */
    private static final int CHUNKS_PER_CORE = 4;
    /**
     * Tasks handed to the executor per core, at most: as many as there were chunks before the tasks
     * claimed them, so that an executor with more threads than cores (for work that waits on I/O)
     * still runs as many at once.
     */
    static final int MAX_TASKS_PER_CORE = CHUNKS_PER_CORE;

    private final int items;
    private final int count;

    private Chunks(int items, int count) {
        this.items = items;
        this.count = count;
    }

    /** The chunks of {@code items} items. */
    public static Chunks of(int items) {
        return of(items, CHUNKS_PER_CORE);
    }

    /**
     * The chunks of {@code items} items, {@code perCore} per core (at most one per item): more than
     * {@link #of(int)} makes for items whose costs differ a lot, since the threads claim chunks and
     * a chunk more costs a claim, not a hand-off, but each chunk's own setup is repeated.
     */
    public static Chunks of(int items, int perCore) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Chunks(items, Math.max(1, Math.min(items, perCore * cores)));
    }

    public int count() {
        return count;
    }

    /** The first item of chunk {@code c}; chunk c ends where c + 1 starts ({@code start(count())} is the item count). */
    public int start(int c) {
        return (int) ((long) items * c / count);
    }

    /**
     * Runs {@code task} for every chunk index on {@code executor} and returns when all have ended. A
     * failure is rethrown only then, so that nothing still writes when the caller sees it; the first
     * chunk's failure in chunk order is the one rethrown.
     */
    public void forEach(Executor executor, IntConsumer task) {
        new ChunkClaims(this, task, null, null).run(executor);
    }

    /**
     * {@link #forEach} of {@code task}, then of {@code thenTask} over the chunks of {@code then}, in
     * one hand-off to the executor: each thread goes on to the second chunks once every first chunk
     * has ended, without returning to the caller in between. For work whose second part reads
     * everything the first wrote. None of the second chunks runs if a first one failed. A first
     * chunk must not wait for other tasks on the same executor: a thread that has run out of first
     * chunks waits until the others' have ended.
     */
    public void forEachThen(Executor executor, IntConsumer task, Chunks then, IntConsumer thenTask) {
        new ChunkClaims(this, task, then, thenTask).run(executor);
    }
}
