package dev.segpack.io;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads of one run: a fixed number of daemon threads, the executor that
 * {@link OrderedPipeline} runs on and that engine operations taking an {@link Executor} are given.
 * Closing stops the workers and waits until every one has returned, so that what a task uses (a
 * native decoder, an open file, an arena) is never freed under a task still running.
 */
public final class Workers implements Executor, AutoCloseable {

    private final ExecutorService pool;
    private final int threads;

    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "segpack-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    <R> Future<R> submit(Callable<R> task) {
        return pool.submit(task);
    }

    /** Interrupts the tasks still running and waits for every worker to return (an interrupt does not cut the wait short). */
    @Override
    public void close() {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
