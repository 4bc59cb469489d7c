package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code createTrainIdLabelImgs} / {@code createTrainIdInstanceImgs} / {@code json2labelImg} for a whole folder:
 * for each frame of {@link GtFolder#frames} and each image type, {@code <stem>_<type>.png} next to its JSON or
 * under {@code outRoot} at the same relative path (labelIds/labelTrainIds 8-bit grey, color RGBA, instanceIds/
 * instanceTrainIds 16-bit grey), frames in parallel. Every PNG is written atomically; they are flushed to disk in
 * batches of {@value #BATCH_FILES} (an fsync per file would cost more than encoding it), so a run that stops leaves
 * the files of its last batch unwritten. A frame that cannot be drawn stops the run, or with {@code skipInvalid} is
 * reported as a warning and left without images.
 */
public final class CityscapesRender extends Job<CityscapesRender.Options> {

    private static final int BATCH_FILES = 1000;

    public record Options(Set<ImageType> types, LabelTable table, Path outRoot, boolean skipInvalid, int threads) {
        public Options {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("no image types to render");
            }
            types = EnumSet.copyOf(types);
        }
    }

    public record Summary(long frames, long skipped, long objects, long images, double seconds) {
    }

    /** One frame's outcome: its objects and images written, or why it was skipped. */
    private record Done(int objects, int images, String skipped) {
    }

    public CityscapesRender(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
    }

    public Summary render(Path root) throws IOException {
        long start = System.nanoTime();
        List<GtFolder.FrameFile> files = GtFolder.frames(root);
        long done = 0, skipped = 0, objects = 0, images = 0;
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch();
                CityscapesFrames frames = new CityscapesFrames(options.table());
                OrderedPipeline<GtFolder.FrameFile, Done> pipeline = OrderedPipeline.of(files.iterator(),
                        file -> frame(frames, file, batch), options.threads())) {
            while (pipeline.hasNext()) {
                Done d = pipeline.take();
                if (d.skipped() != null) {
                    warnings.accept("skipped " + d.skipped());
                    skipped++;
                }
                objects += d.objects();
                images += d.images();
                progress.update(++done, files.size(), "frames");
                if (batch.size() >= BATCH_FILES) {
                    batch.commit();
                }
            }
            batch.commit();
        }
        return new Summary(done - skipped, skipped, objects, images, secondsSince(start));
    }

    private Done frame(CityscapesFrames frames, GtFolder.FrameFile file, AtomicOutput.Batch batch) throws IOException {
        try {
            int objects = frames.writePngs(file, options.types(), options.outRoot(), batch);
            return new Done(objects, options.types().size(), null);
        } catch (CityscapesFormatException e) {
            if (!options.skipInvalid()) {
                throw e;
            }
            return new Done(0, 0, e.getMessage());
        }
    }
}
