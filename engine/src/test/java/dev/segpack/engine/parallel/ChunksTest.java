package dev.segpack.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunksTest {

    @Test
    void chunksCoverEveryItemOnceInOrder() {
        for (int items : new int[] {0, 1, 3, 1000}) {
            Chunks chunks = Chunks.of(items);
            assertEquals(0, chunks.start(0));
            assertEquals(items, chunks.start(chunks.count()));
            for (int c = 0; c < chunks.count(); c++) {
                assertTrue(chunks.start(c) <= chunks.start(c + 1));
            }
        }
    }

    /** The failure of one chunk reaches the caller only once every other chunk has ended. */
    @Test
    void aFailureIsRethrownAfterEveryChunkHasEnded() throws InterruptedException {
        Chunks chunks = Chunks.of(64);
        AtomicIntegerArray ended = new AtomicIntegerArray(chunks.count());
        CountDownLatch failed = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> chunks.forEach(pool, c -> {
                if (c == 0) {
                    failed.countDown();
                    throw new IllegalStateException("chunk 0");
                }
                try {
                    failed.await(); // the others end only after chunk 0 has failed
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                ended.set(c, 1);
            }));
            assertEquals("chunk 0", e.getMessage());
            for (int c = 1; c < chunks.count(); c++) {
                assertEquals(1, ended.get(c), "chunk " + c + " still running when the failure was rethrown");
            }
        }
    }

    /**
     * Every second chunk starts after every first chunk has ended, on the calling thread and on
     * pools smaller and larger than the task count (a single thread must not wait for itself).
     */
    @Test
    void secondChunksSeeEveryFirstChunksWrites() {
        try (ExecutorService one = Executors.newSingleThreadExecutor();
                ExecutorService two = Executors.newFixedThreadPool(2);
                ExecutorService five = Executors.newFixedThreadPool(5)) {
            for (Executor executor : new Executor[] {Runnable::run, one, two, five}) {
                for (int items : new int[] {1, 7, 100}) {
                    Chunks first = Chunks.of(items);
                    Chunks second = Chunks.of(items + 3);
                    AtomicIntegerArray built = new AtomicIntegerArray(items);
                    AtomicIntegerArray seen = new AtomicIntegerArray(second.count());
                    first.forEachThen(executor, c -> {
                        for (int i = first.start(c); i < first.start(c + 1); i++) {
                            built.set(i, 1);
                        }
                    }, second, c -> {
                        int sum = 0;
                        for (int i = 0; i < items; i++) {
                            sum += built.get(i);
                        }
                        seen.set(c, sum);
                    });
                    for (int c = 0; c < second.count(); c++) {
                        assertEquals(items, seen.get(c), "second chunk " + c + " of " + items + " items");
                    }
                }
            }
        }
    }

    /** A first chunk's failure is rethrown and no second chunk runs. */
    @Test
    void aFirstChunksFailureStopsTheSecondChunks() {
        Chunks first = Chunks.of(64);
        AtomicInteger secondRan = new AtomicInteger();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> first.forEachThen(two, c -> {
                if (c == 3) {
                    throw new IllegalStateException("chunk 3");
                }
            }, Chunks.of(64), c -> secondRan.incrementAndGet()));
            assertEquals("chunk 3", e.getMessage());
            assertEquals(0, secondRan.get());
        }
    }
}
