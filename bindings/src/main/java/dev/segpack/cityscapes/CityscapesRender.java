package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code createTrainIdLabelImgs} / {@code createTrainIdInstanceImgs} / {@code json2labelImg} for a whole folder:
 * for each frame of {@link GtFolder#frames} and each image type, {@code <stem>_<type>.png} next to its JSON or
 * under {@code outRoot} at the same relative path (labelIds/labelTrainIds 8-bit grey, color RGBA, instanceIds/
 * instanceTrainIds 16-bit grey), frames in parallel. Every PNG is written atomically; they are flushed to disk in
 * batches of {@value #BATCH_FILES} (an fsync per file would cost more than encoding it), each committed while the
 * workers render on (up to {@value #WINDOW_FRAMES} frames ahead), so that only the last batch's fsyncs come after the
 * rendering; a run that stops leaves the files of its last batch unwritten. A frame that cannot be drawn stops the
 * run, or with {@code skipInvalid} is reported as a warning and left without images.
 */
public final class CityscapesRender extends Job<CityscapesRender.Options> {

    private static final int BATCH_FILES = 100;
    /** Frames in flight: their results are counts, so the workers can run this far ahead of a commit. */
    private static final int WINDOW_FRAMES = 32;

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
        Tally tally = new Tally();
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch();
                CityscapesFrames frames = new CityscapesFrames(options.table());
                OrderedPipeline<GtFolder.FrameFile, Done> pipeline = new OrderedPipeline<>(files.iterator(),
                        file -> frame(frames, file, Files.readAllBytes(file.json()), batch), options.threads(),
                        Math.max(WINDOW_FRAMES, 2 * options.threads()))) {
            while (pipeline.hasNext()) {
                tally.add(pipeline.take(), batch);
                progress.update(tally.done, files.size(), "frames");
            }
            batch.commit();
        }
        return tally.summary(start);
    }

    /** One frame's polygons file and its content, read by the caller (a Spark task gets both from Spark's file source). */
    public record FrameBytes(GtFolder.FrameFile file, byte[] json) {
    }

    /**
     * Renders {@code frames} as {@link #render(Path)} renders a folder's, one after the other on the calling thread
     * (the options' threads are not used) in one canvas, freed when they are done: a Spark task's share of a folder.
     */
    public Summary render(Iterator<FrameBytes> frames) throws IOException {
        long start = System.nanoTime();
        Tally tally = new Tally();
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch();
                CityscapesFrames canvas = new CityscapesFrames(options.table())) {
            while (frames.hasNext()) {
                FrameBytes frame = frames.next();
                tally.add(frame(canvas, frame.file(), frame.json(), batch), batch);
            }
            batch.commit();
        }
        return tally.summary(start);
    }

    /**
     * The frames done so far with their objects and images; a skipped frame is reported when it is added, and the
     * batch of written files is flushed when it is full.
     */
    private final class Tally {
        long done, skipped, objects, images;

        void add(Done d, AtomicOutput.Batch batch) throws IOException {
            if (batch.size() >= BATCH_FILES) {
                batch.commit();
            }
            if (d.skipped() != null) {
                warnings.accept("skipped " + d.skipped());
                skipped++;
            }
            objects += d.objects();
            images += d.images();
            done++;
        }

        Summary summary(long start) {
            return new Summary(done - skipped, skipped, objects, images, secondsSince(start));
        }
    }

    private Done frame(CityscapesFrames frames, GtFolder.FrameFile file, byte[] json, AtomicOutput.Batch batch)
            throws IOException {
        try {
            int objects = frames.writePngs(file, json, options.types(), options.outRoot(), batch);
            return new Done(objects, options.types().size(), null);
        } catch (CityscapesFormatException e) {
            if (!options.skipInvalid()) {
                throw e;
            }
            return new Done(0, 0, e.getMessage());
        }
    }
}
