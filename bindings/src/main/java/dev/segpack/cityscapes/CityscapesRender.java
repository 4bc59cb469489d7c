package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code createTrainIdLabelImgs} / {@code createTrainIdInstanceImgs} / {@code json2labelImg} for a whole folder:
 * for each frame of {@link GtFolder#frames} and each image type, {@code <stem>_<type>.png} next to its JSON or
 * under {@code outRoot} at the same relative path (labelIds/labelTrainIds 8-bit grey, color RGBA, instanceIds/
 * instanceTrainIds 16-bit grey), each written atomically, frames in parallel. A frame that cannot be drawn stops
 * the run, or with {@code skipInvalid} is reported as a warning and left without images.
 */
public final class CityscapesRender extends Job<CityscapesRender.Options> {

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
        try (CityscapesFrames frames = new CityscapesFrames(options.table());
                OrderedPipeline<GtFolder.FrameFile, Done> pipeline = OrderedPipeline.of(files.iterator(),
                        file -> frame(frames, file), options.threads())) {
            while (pipeline.hasNext()) {
                Done d = pipeline.take();
                if (d.skipped() != null) {
                    warnings.accept("skipped " + d.skipped());
                    skipped++;
                }
                objects += d.objects();
                images += d.images();
                progress.update(++done, files.size(), "frames");
            }
        }
        return new Summary(done - skipped, skipped, objects, images, secondsSince(start));
    }

    private Done frame(CityscapesFrames frames, GtFolder.FrameFile file) throws IOException {
        CityscapesFrames.Rendered rendered;
        try {
            rendered = frames.render(file, options.types());
        } catch (CityscapesFormatException e) {
            if (!options.skipInvalid()) {
                throw e;
            }
            return new Done(0, 0, e.getMessage());
        }
        for (Map.Entry<ImageType, LabelMap> e : rendered.maps().entrySet()) {
            frames.writePng(file.png(options.outRoot(), e.getKey().suffix()), e.getValue());
        }
        return new Done(rendered.objects(), rendered.maps().size(), null);
    }
}
