package dev.segpack.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
}
