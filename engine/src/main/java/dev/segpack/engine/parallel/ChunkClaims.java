package dev.segpack.engine.parallel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One run of {@link Chunks#forEach} or {@link Chunks#forEachThen}: the tasks handed to the executor
 * claim chunk indices from shared counters. A claimed chunk is always being run by a thread that
 * has started, so waiting for the claimed first chunks to end cannot wait for a task still queued.
 */
final class ChunkClaims {

    /**
     * Spins before a thread that waits for the other threads' last first chunks parks: small chunks
     * end within microseconds of each other, sooner than a parked thread wakes up again.
     */
    private static final int SPINS = 1 << 10;

    private final Chunks first;
    private final IntConsumer firstTask;
    private final Chunks second;
    private final IntConsumer secondTask;
    private final AtomicInteger nextFirst = new AtomicInteger();
    private final CountDownLatch firstEnded;
    private final AtomicInteger nextSecond = new AtomicInteger();
    /** By chunk, the first chunks' then the second's; read once every task has ended. */
    private final Throwable[] failures;
    /** Written before the failed chunk counts as ended, so a thread that saw it end sees this. */
    private boolean firstFailed;

    ChunkClaims(Chunks first, IntConsumer firstTask, Chunks second, IntConsumer secondTask) {
        this.first = first;
        this.firstTask = firstTask;
        this.second = second;
        this.secondTask = secondTask;
        this.failures = new Throwable[first.count() + (second == null ? 0 : second.count())];
        this.firstEnded = new CountDownLatch(first.count());
    }

    /** Hands the tasks to {@code executor}, waits for all, rethrows the first failure in chunk order. */
    void run(Executor executor) {
        int chunks = Math.max(first.count(), second == null ? 0 : second.count());
        int tasks = Math.min(chunks, Chunks.MAX_TASKS_PER_CORE * Runtime.getRuntime().availableProcessors());
        FutureTask<?>[] running = new FutureTask<?>[tasks];
        for (int t = 0; t < tasks; t++) {
            running[t] = new FutureTask<>(this::claim, null);
            executor.execute(running[t]);
        }
        boolean interrupted = false;
        Throwable taskFailure = null; // claim() catches its chunks' failures: only a cancelled task has one
        for (FutureTask<?> t : running) {
            while (true) {
                try {
                    t.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks still write into the caller's memory: wait for them
                } catch (ExecutionException e) {
                    taskFailure = taskFailure == null ? e.getCause() : taskFailure;
                    break;
                } catch (CancellationException e) {
                    taskFailure = taskFailure == null ? e : taskFailure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable failure : failures) {
            switch (failure) {
                case null -> { }
                case RuntimeException r -> throw r;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure.getMessage(), failure);
            }
        }
        if (taskFailure != null) {
            throw new IllegalStateException("a chunk task did not run to its end: " + taskFailure, taskFailure);
        }
    }

    /** One task's work: first chunks while any is left, then (after all have ended) second chunks. */
    private void claim() {
        for (int c; (c = nextFirst.getAndIncrement()) < first.count(); ) {
            try {
                firstTask.accept(c);
            } catch (Throwable t) {
                failures[c] = t;
                firstFailed = true;
            } finally {
                firstEnded.countDown();
            }
        }
        if (second == null) {
            return;
        }
        awaitFirstChunks();
        if (firstFailed) {
            return;
        }
        for (int c; (c = nextSecond.getAndIncrement()) < second.count(); ) {
            try {
                secondTask.accept(c);
            } catch (Throwable t) {
                failures[first.count() + c] = t;
            }
        }
    }

    /** Returns once every first chunk has ended (they are all claimed, so all running): spins, then parks. */
    private void awaitFirstChunks() {
        for (int spins = 0; spins < SPINS && firstEnded.getCount() > 0; spins++) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        while (true) {
            try {
                firstEnded.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the second chunks need the first ones' results: wait on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
