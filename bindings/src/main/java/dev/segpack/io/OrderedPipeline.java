package dev.segpack.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The one way segpack runs work in parallel: {@code work} on the elements of a source, on
 * {@code threads} {@link Workers}, with the results handed back in source order. At most
 * {@code window} elements are in flight, so memory is bounded whatever the source's length, and
 * the output cannot depend on the thread count. The source is read, and results consumed, on the
 * caller's thread. A failure is rethrown when its element's turn comes, as it was thrown ({@link #take};
 * {@link #next} wraps an IOException in an UncheckedIOException), so the first failing element in
 * source order is the one reported. {@link #close()} cancels what is in flight and waits for the workers.
 */
public final class OrderedPipeline<T, R> implements Iterator<R>, AutoCloseable {

    /** The work done on one element. */
    @FunctionalInterface
    public interface Work<T, R> {
        R apply(T element) throws IOException;
    }

    private final Iterator<T> source;
    private final Work<T, R> work;
    private final int window;
    private final Workers workers;
    private final ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();

    public OrderedPipeline(Iterator<T> source, Work<T, R> work, int threads, int window) {
        if (threads < 1 || window < 1) {
            throw new IllegalArgumentException("threads and window must be at least 1, not " + threads + " and " + window);
        }
        this.source = source;
        this.work = work;
        this.window = window;
        this.workers = new Workers(threads);
    }

    /** A window of twice the thread count keeps every worker busy while the consumer catches up. */
    public static <T, R> OrderedPipeline<T, R> of(Iterator<T> source, Work<T, R> work, int threads) {
        return new OrderedPipeline<>(source, work, threads, 2 * threads);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
    }

    @Override
    public R next() {
        try {
            return take();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * The results in source order, each passed through {@code then} on the consuming thread (so
     * {@code then} may number and count without locks).
     */
    public <U> Iterator<U> map(Function<? super R, ? extends U> then) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return OrderedPipeline.this.hasNext();
            }

            @Override
            public U next() {
                return then.apply(OrderedPipeline.this.next());
            }
        };
    }

    /** The next result, or the failure of its element as it was thrown. */
    public R take() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return Futures.result(inFlight.removeFirst(), "a worker");
    }

    private void fill() {
        while (inFlight.size() < window && source.hasNext()) {
            T element = source.next();
            inFlight.addLast(workers.submit(() -> work.apply(element)));
        }
    }

    /**
     * Takes no more elements and waits for those in flight, their results and failures dropped: how a
     * consumer stops early without interrupting the work (a thread interrupted while it reads a
     * FileChannel closes the channel, for every thread that shares it).
     */
    public void drain() {
        boolean interrupted = false;
        for (Future<R> f : inFlight) {
            while (!f.isDone()) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        inFlight.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels what is still in flight and returns once every worker has stopped. */
    @Override
    public void close() {
        for (Future<R> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        workers.close();
    }
}
