package dev.segpack.engine.parallel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.IntConsumer;

/**
 * Work on items 0…n−1 cut into contiguous chunks that run on the caller's {@link Executor} (the
 * engine has no threads of its own; {@code Runnable::run} runs everything in the calling thread).
 * The chunks follow the machine's core count, never the executor, and each chunk's results land at
 * fixed places, so the output cannot depend on the thread count.
 */
public final class Chunks {

    /** Chunks per core: enough to even out items of unequal cost, few enough to stay cheap. */
    private static final int CHUNKS_PER_CORE = 4;

    private final int items;
    private final int count;

    private Chunks(int items, int count) {
        this.items = items;
        this.count = count;
    }

    /** The chunks of {@code items} items. */
    public static Chunks of(int items) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Chunks(items, Math.max(1, Math.min(items, CHUNKS_PER_CORE * cores)));
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
        FutureTask<?>[] running = new FutureTask<?>[count];
        for (int c = 0; c < count; c++) {
            int chunk = c;
            running[c] = new FutureTask<>(() -> task.accept(chunk), null);
            executor.execute(running[c]);
        }
        Throwable failure = null;
        boolean interrupted = false;
        for (FutureTask<?> t : running) {
            while (true) {
                try {
                    t.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks still write into the caller's memory: wait for them
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                } catch (CancellationException e) {
                    if (failure == null) {
                        failure = e;
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (failure) {
            case null -> { }
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure.getMessage(), failure);
        }
    }
}
