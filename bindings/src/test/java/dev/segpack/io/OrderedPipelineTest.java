package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {

    @Test
    void resultsComeInSourceOrderWithABoundedWindow() {
        AtomicInteger read = new AtomicInteger();
        Iterator<Integer> source = IntStream.range(0, 500).peek(i -> read.incrementAndGet()).iterator();
        List<Integer> out = new ArrayList<>();
        int maxAhead = 0;
        try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(source, i -> {
            if (i % 7 == 0) {
                Thread.onSpinWait(); // uneven work so that later elements often finish first
            }
            return i * 2;
        }, 3, 5)) {
            while (p.hasNext()) {
                maxAhead = Math.max(maxAhead, read.get() - out.size());
                out.add(p.next());
            }
        }
        assertEquals(IntStream.range(0, 500).map(i -> 2 * i).boxed().toList(), out);
        assertTrue(maxAhead <= 5, "at most a window of elements read ahead, saw " + maxAhead);
    }

    @Test
    void theFirstFailureInSourceOrderIsRethrownAsItWas() {
        try (OrderedPipeline<Integer, Integer> p = OrderedPipeline.of(List.of(1, 2, 3, 4).iterator(), i -> {
            if (i >= 3) {
                throw new IllegalArgumentException("bad " + i);
            }
            return i;
        }, 2)) {
            assertEquals(1, p.next());
            assertEquals(2, p.next());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::next);
            assertEquals("bad 3", e.getMessage());
        }
    }

    @Test
    void takeRethrowsAWorkersIOExceptionAsItWasAndNextWrapsIt() {
        try (OrderedPipeline<Integer, Integer> p = OrderedPipeline.of(List.of(1, 2).iterator(), i -> {
            throw new java.nio.file.NoSuchFileException("missing " + i);
        }, 2)) {
            java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class, p::take);
            assertEquals("missing 1", e.getMessage());
            java.io.UncheckedIOException wrapped = assertThrows(java.io.UncheckedIOException.class, p::next);
            assertEquals("missing 2", wrapped.getCause().getMessage());
        }
    }

    /** A worker that ignores interrupts has returned by the time close() does (pack-h5 frees native decoders after it). */
    @Test
    void closeWaitsForEveryWorker() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        OrderedPipeline<Integer, Integer> p = OrderedPipeline.of(List.of(1).iterator(), i -> {
            started.countDown();
            for (int k = 0; k < 20; k++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    // as native code does: the cancellation is not noticed
                }
            }
            finished.set(true);
            return i;
        }, 1);
        assertTrue(p.hasNext());
        started.await();
        p.close();
        assertTrue(finished.get(), "close returned while a worker was still running");
    }
}
