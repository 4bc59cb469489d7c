package dev.segpack.panoptic;

import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the panoptic converters share: their options and progress, and the per-image driver that runs
 * one independent job per image through the ordered pipeline on the options' threads.
 */
abstract class PerImageConverter<O extends PerImageConverter.Threads> {

    /** Options that say how many worker threads to use. */
    interface Threads {
        int threads();
    }

    final O options;
    private final Progress progress;

    PerImageConverter(O options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** The results of {@code job} for images 0 … images-1, in image order. */
    final <T> List<T> eachImage(int images, OrderedPipeline.Work<Integer, T> job) throws IOException {
        List<T> results = new ArrayList<>(images);
        try (OrderedPipeline<Integer, T> pipeline = OrderedPipeline.of(IntStream.range(0, images).iterator(), job,
                Math.max(1, options.threads()))) {
            while (pipeline.hasNext()) {
                results.add(pipeline.take());
                progress.update(results.size(), images, "images");
            }
        }
        return results;
    }

    static double secondsSince(long startNanos) {
        return Job.secondsSince(startNanos);
    }
}
