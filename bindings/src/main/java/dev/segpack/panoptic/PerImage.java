package dev.segpack.panoptic;

import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** One independent job per image, run through the ordered pipeline; the results in image order. */
final class PerImage {

    private PerImage() {
    }

    static <T> List<T> map(int images, int threads, Progress progress, OrderedPipeline.Work<Integer, T> job)
            throws IOException {
        List<T> results = new ArrayList<>(images);
        try (OrderedPipeline<Integer, T> pipeline = OrderedPipeline.of(IntStream.range(0, images).iterator(), job,
                Math.max(1, threads))) {
            while (pipeline.hasNext()) {
                results.add(pipeline.take());
                progress.update(results.size(), images, "images");
            }
        }
        return results;
    }
}
