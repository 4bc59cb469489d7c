package dev.segpack.coco;

import dev.segpack.io.Futures;
import dev.segpack.io.OrderedPipeline;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A COCO file indexed on a thread of its own, its annotations handed over in {@link AnnotationRun}s as
 * soon as they are indexed, so that they are converted while the rest of the file is read ({@code coco rle}).
 *
 * <p>Handing runs over early is a guess that the file is shaped as COCO files are: an images table
 * before the annotations, and no top-level name that appears before the annotations, nor
 * "annotations", repeated later (json.load keeps a repeated name's last value, which would change
 * what was handed over or written). The guess is checked when the load ends ({@link #streamed});
 * where it fails, or where there is no images table before the annotations, the consumer does the
 * work again from the loaded index.
 *
 * <p>The loading thread is one of the run's threads: it holds one of the {@code permits} that
 * converting a run takes ({@link #converting}) until the load ends, so that with one thread the
 * file is indexed, then converted, and with two, one run is converted at a time while it is indexed.
 * The runs wait in a queue that the index, read faster than runs are converted, fills ahead: about 25
 * bytes an annotation, 40 % of what the index itself holds of each.
 */
final class BackgroundIndex implements AutoCloseable {

    /** The top-level members before the annotations, as they were when the first annotation was indexed. */
    record Prefix(CocoIndex index, List<CocoIndex.Member> members) {
    }

    /** Marks the end of the runs handed over. */
    private static final AnnotationRun END = new AnnotationRun(0, 0, 0, new int[0], new int[0], new int[0], new int[0],
            null, null, new long[0], new boolean[0]);

    private final int batch;
    private final Semaphore permits;
    private final BlockingQueue<AnnotationRun> runs = new LinkedBlockingQueue<>();
    /** Completed with the prefix at the first annotation when runs are handed over, else with null when the load ends. */
    private final CompletableFuture<Prefix> prefix = new CompletableFuture<>();
    private final CompletableFuture<CocoIndex> loaded = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean cancelled;
    /** Whether the runs handed over are those of the loaded file: set before {@link #loaded} completes. */
    private boolean streamed;
    // the loading thread's own
    private boolean decided;
    private boolean handingOver;
    /** Annotations handed over, and indexed, so far. */
    private int handed;
    private int indexed;

    private BackgroundIndex(Path path, boolean keepInvalid, int batch, Semaphore permits) {
        this.batch = batch;
        this.permits = permits;
        this.thread = new Thread(() -> load(path, keepInvalid), "segpack-index");
        thread.setDaemon(true);
    }

    /** Starts loading {@code path} (as pycocotools' COCO() requires, keeping invalid annotations if asked), runs of {@code batch}. */
    static BackgroundIndex start(Path path, boolean keepInvalid, int batch, Semaphore permits) {
        BackgroundIndex loading = new BackgroundIndex(path, keepInvalid, batch, permits);
        permits.acquireUninterruptibly();
        loading.thread.start();
        return loading;
    }

    private void load(Path path, boolean keepInvalid) {
        try {
            CocoIndex index = CocoIndex.loadForRewrite(path, CocoIndex.Required.COCO_API, keepInvalid, this::indexed);
            if (handingOver) {
                if (handed < index.annotationCount()) {
                    runs.add(AnnotationRun.of(index, handed, index.annotationCount()));
                }
                streamed = isStreamable(index);
            }
            loaded.complete(index);
        } catch (Throwable e) {
            loaded.completeExceptionally(e);
        } finally {
            permits.release();
            runs.add(END);
            prefix.complete(null);
        }
    }

    private void indexed(CocoIndex index, int count) {
        if (cancelled) {
            throw new CancellationException("indexing stopped: the conversion failed");
        }
        if (!decided) {
            decided = true;
            handingOver = index.imagesRead()
                    && index.members().stream().noneMatch(m -> m.name().equals("annotations"));
            if (handingOver) {
                prefix.complete(new Prefix(index, List.copyOf(index.members())));
            }
        }
        if (!handingOver) {
            return;
        }
        if (count != ++indexed) {
            // a second annotations table: what was handed over is not what json.load keeps
            handingOver = false;
            runs.add(END);
            return;
        }
        if (count - handed == batch) {
            runs.add(AnnotationRun.of(index, handed, count));
            handed = count;
        }
    }

    /** Whether the names before the annotations, and "annotations", each appear once in the whole file. */
    private static boolean isStreamable(CocoIndex index) {
        Map<String, Integer> seen = new HashMap<>();
        for (CocoIndex.Member m : index.members()) {
            seen.merge(m.name(), 1, Integer::sum);
        }
        for (CocoIndex.Member m : index.members()) {
            if (seen.get(m.name()) > 1) {
                return false;
            }
            if (m.name().equals("annotations")) {
                return true;
            }
        }
        return false;
    }

    /** The members before the annotations when runs are handed over, once the first is; else null, once the load has ended. */
    Prefix prefix() throws IOException {
        return Futures.result(prefix, "the index");
    }

    /** The runs handed over, in file order, each as soon as it is indexed (read on one thread). */
    Iterator<AnnotationRun> runs() {
        return new Iterator<>() {
            private AnnotationRun next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = runs.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while waiting for the index");
                    }
                }
                return next != END;
            }

            @Override
            public AnnotationRun next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AnnotationRun run = next;
                next = null;
                return run;
            }
        };
    }

    /** Whether the load has ended, well or not. */
    boolean isLoaded() {
        return loaded.isDone();
    }

    /** The loaded index, once the load ends; or the load's failure, as it was thrown. */
    CocoIndex index() throws IOException {
        return Futures.result(loaded, "the index");
    }

    /** Whether the runs handed over were those of the file (see the class comment); waits for the load. */
    boolean streamed() throws IOException {
        index();
        return streamed;
    }

    /** {@code work}, each call holding a permit: while the file is loaded, one fewer than the run's threads convert. */
    <T, R> OrderedPipeline.Work<T, R> converting(OrderedPipeline.Work<T, R> work) {
        return element -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a thread");
            }
            try {
                return work.apply(element);
            } finally {
                permits.release();
            }
        };
    }

    /** Stops the load if it is still under way, waits for its thread and closes the index. */
    @Override
    public void close() throws IOException {
        cancelled = true;
        Futures.join(thread);
        if (loaded.isDone() && !loaded.isCompletedExceptionally()) {
            loaded.join().close();
        }
    }
}
