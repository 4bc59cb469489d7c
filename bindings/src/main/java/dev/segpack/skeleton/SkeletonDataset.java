package dev.segpack.skeleton;

import dev.segpack.engine.skeleton.PoseFrames;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A PYSKL annotation pickle opened once: its annotations by index, and their heatmaps drawn into a
 * caller's buffer. The content is read whole at {@link #open} (arrays off-heap, in a shared arena
 * that {@link #close} frees) and never changes, so any number of threads may call
 * {@link #heatmaps} at once, each with its own output buffer.
 *
 * <p>The pickle is either {@code {split: {...}, annotations: [...]}} or a plain list of annotations
 * (what {@code custom_2d_skeleton.py} writes).
 */
public final class SkeletonDataset implements AutoCloseable {

    private final Path file;
    private final Arena arena;
    private final Object content;
    private final List<SkeletonAnnotation> annotations;

    private SkeletonDataset(Path file, Arena arena, Object content, List<SkeletonAnnotation> annotations) {
        this.file = file;
        this.arena = arena;
        this.content = content;
        this.annotations = annotations;
    }

    public static SkeletonDataset open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            Object content = PickleReader.read(file, arena);
            return new SkeletonDataset(file, arena, content, annotations(file, content));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A pickle held in memory, {@code name} naming it in errors (e.g. an annotation the Python binding pickled). */
    public static SkeletonDataset read(byte[] pickle, String name) throws PickleFormatException {
        Arena arena = Arena.ofShared();
        try {
            Object content = PickleReader.read(pickle, name, arena);
            Path file = Path.of(name);
            return new SkeletonDataset(file, arena, content, annotations(file, content));
        } catch (PickleFormatException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The annotations of a pickle's content: its {@code annotations} list, or the content itself when it is a list. */
    static List<SkeletonAnnotation> annotations(Path file, Object content) throws PickleFormatException {
        Object list = content instanceof Map<?, ?> top ? top.get("annotations") : content;
        if (!(list instanceof List<?> items)) {
            throw new PickleFormatException(file + ": holds neither a list of annotations nor a dict with an 'annotations' list");
        }
        List<SkeletonAnnotation> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> fields)) {
                throw new PickleFormatException(file + ": annotation " + out.size() + " is not a dict");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) fields;
            out.add(new SkeletonAnnotation(file.toString(), out.size(), map));
        }
        return Collections.unmodifiableList(out);
    }

    public Path file() {
        return file;
    }

    /** The whole content as {@link PickleReader} gives it. */
    public Object content() {
        return content;
    }

    public int size() {
        return annotations.size();
    }

    public SkeletonAnnotation annotation(int i) {
        return annotations.get(i);
    }

    /** The shape of annotation {@code i}'s heatmaps under {@code config} (float32, C order). */
    public long[] heatmapShape(int i, HeatmapConfig config) {
        return plan(i, config).shape();
    }

    /** Bytes annotation {@code i}'s heatmaps take under {@code config}. */
    public long heatmapBytes(int i, HeatmapConfig config) {
        return plan(i, config).bytes();
    }

    /**
     * Draws annotation {@code i}'s heatmaps under {@code config} into {@code out} (little-endian
     * float32, C order, at least {@link #heatmapBytes} bytes) in the calling thread; returns their shape.
     */
    public long[] heatmaps(int i, HeatmapConfig config, MemorySegment out) {
        HeatmapConfig.Plan plan = plan(i, config);
        SkeletonAnnotation annotation = annotations.get(i);
        if (out.byteSize() < plan.bytes()) {
            throw annotation.error("the output holds " + out.byteSize() + " bytes; the heatmaps need " + plan.bytes());
        }
        try {
            plan.draw(out);
        } catch (IllegalArgumentException e) {
            throw annotation.error(e.getMessage());
        }
        return plan.shape();
    }

    private HeatmapConfig.Plan plan(int i, HeatmapConfig config) {
        SkeletonAnnotation annotation = annotations.get(i);
        PoseFrames pose = annotation.poseFrames();
        if (config.clipLen() > 0 && annotation.integer("total_frames", pose.frames()) != pose.frames()) {
            throw annotation.error("total_frames is " + annotation.integer("total_frames", 0) + " but keypoint has "
                    + pose.frames() + " frames");
        }
        try {
            return config.plan(pose);
        } catch (IllegalArgumentException e) {
            throw annotation.error(e.getMessage());
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
