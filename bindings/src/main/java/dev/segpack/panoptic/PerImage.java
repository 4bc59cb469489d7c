package dev.segpack.panoptic;

import dev.segpack.io.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/** Runs one independent job per image on a pool of worker threads, results in image order. */
final class PerImage {

    /** A job for image {@code i}. */
    @FunctionalInterface
    interface Job<T> {
        T run(int i) throws IOException;
    }

    private PerImage() {
    }

    static <T> List<T> map(int images, int threads, Progress progress, Job<T> job) throws IOException {
        Object[] results = new Object[images];
        AtomicLong done = new AtomicLong();
        try (ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads))) {
            pool.submit(() -> IntStream.range(0, images).parallel().forEach(i -> {
                try {
                    results[i] = job.run(i);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.update(done.incrementAndGet(), images, "images");
            })).join();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(results);
        return list;
    }
}
