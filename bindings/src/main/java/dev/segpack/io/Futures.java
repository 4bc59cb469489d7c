package dev.segpack.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The one way segpack waits for work done on another thread: its result, or its failure as it was thrown; or
 * the thread's end.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code future}, once it has one; its failure rethrown as it was thrown (an
     * unchecked cause unchanged, any other wrapped in an IOException). An interrupt while waiting
     * keeps the thread's interrupt status and throws InterruptedIOException naming what was
     * {@code awaited} ("a worker", "the index").
     */
    public static <T> T result(Future<T> future, String awaited) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + awaited);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    /**
     * Waits for {@code thread} to end, whatever interrupts this one (work that writes into what the caller
     * is about to close must be over first); the interrupt status is kept.
     */
    public static void join(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
