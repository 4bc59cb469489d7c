package dev.segpack.engine.parallel;

import java.util.concurrent.CancellationException;
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

    /** Spins between yields while a thread waits for the other threads' last first chunks. */
    private static final int SPINS = 64;

    private final Chunks first;
    private final IntConsumer firstTask;
    private final Chunks second;
    private final IntConsumer secondTask;
    private final AtomicInteger nextFirst = new AtomicInteger();
    private final AtomicInteger endedFirst = new AtomicInteger();
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
    }

    /** Hands one task per core (at most one per chunk) to {@code executor}, waits for all, rethrows the first failure. */
    void run(Executor executor) {
        int chunks = Math.max(first.count(), second == null ? 0 : second.count());
        int tasks = Math.min(chunks, Runtime.getRuntime().availableProcessors());
        FutureTask<?>[] running = new FutureTask<?>[tasks];
        for (int t = 0; t < tasks; t++) {
            running[t] = new FutureTask<>(this::claim, null);
            executor.execute(running[t]);
        }
        boolean interrupted = false;
        for (FutureTask<?> t : running) {
            while (true) {
                try {
                    t.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks still write into the caller's memory: wait for them
                } catch (ExecutionException | CancellationException e) {
                    // claim() catches its chunks' failures: only a cancelled or broken task gets here
                    throw new IllegalStateException("a chunk task did not run: " + e, e);
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
                endedFirst.incrementAndGet();
            }
        }
        if (second == null) {
            return;
        }
        for (int spins = 0; endedFirst.get() < first.count(); spins++) {
            if (spins % SPINS == SPINS - 1) {
                Thread.yield(); // the thread that runs the last first chunk may need this core
            } else {
                Thread.onSpinWait();
            }
        }
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
}
