package dev.segpack.python;

import dev.segpack.cityscapes.CityscapesFormatException;
import dev.segpack.cityscapes.CityscapesInstances;
import dev.segpack.cityscapes.PolygonsJson;
import dev.segpack.dataset.CocoExporter;
import dev.segpack.dataset.CocoTask;
import dev.segpack.dataset.SegmentationMode;
import dev.segpack.engine.cityscapes.CityscapesRenderer;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.InvalidObjectException;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cityscapesScripts' json2labelImg / json2instanceImg and the COCO conversion as segpack.cityscapes
 * calls them: a frame's polygons drawn by the renderer {@code segpack cityscapes render} uses into
 * numpy arrays, and a folder converted by the code of {@code segpack cityscapes to-coco}.
 */
public final class CityscapesCalls {

    private CityscapesCalls() {
    }

    /** A frame read, with the label table to draw it with. */
    public static final class Frame {
        private final String json;
        private final PolygonsJson.Frame frame;
        private final LabelTable table;

        Frame(String json, PolygonsJson.Frame frame, LabelTable table) {
            this.json = json;
            this.frame = frame;
            this.table = table;
        }

        public int h() {
            return frame.h();
        }

        public int w() {
            return frame.w();
        }

        /**
         * Draws the images named by {@code types} (file suffixes) into {@code outs}, row-major h×w maps of
         * what cityscapesScripts' in-memory image holds: uint8 for the label images, the colour image's RGBA
         * bytes, int32 for the instance images (mode I).
         */
        public void render(String[] types, ByteBuffer[] outs) {
            Map<ImageType, LabelMap> maps = new EnumMap<>(ImageType.class);
            for (int i = 0; i < types.length; i++) {
                ImageType type = ImageType.ofSuffix(types[i]);
                LabelType stored = type == ImageType.INSTANCE_IDS || type == ImageType.INSTANCE_TRAIN_IDS
                        ? LabelType.INT32 : type.pngType();
                maps.put(type, new LabelMap(MemorySegment.ofBuffer(outs[i]), h(), w(), stored, Order.ROW_MAJOR));
            }
            try {
                new CityscapesRenderer(table).render(h(), w(), frame.objects(), maps);
            } catch (InvalidObjectException e) {
                throw new CityscapesFormatException(json + ": " + e.getMessage(), e);
            }
        }
    }

    /** The frame of a {@code *_polygons.json}; {@code labels} a label table CSV, or null for labels.py's. */
    public static Frame read(String json, String labels) throws IOException {
        return new Frame(json, PolygonsJson.read(Path.of(json)), table(labels));
    }

    /**
     * {@code segpack cityscapes to-coco}: the folder {@code root}'s instances as one COCO file {@code out}
     * (its polygons when {@code polygons}); returns the warnings the conversion gave.
     */
    public static String[] toCoco(String root, String out, boolean trainIds, boolean polygons, String labels)
            throws IOException {
        int threads = SharedWorkers.POOL.threads();
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (CityscapesInstances reader = new CityscapesInstances(Path.of(root), table(labels), trainIds, polygons,
                false, threads, warnings::add)) {
            new CocoExporter(new CocoExporter.Options(Set.of(CocoTask.INSTANCES), SegmentationMode.GUESS, false, false,
                    false, threads), Progress.NONE, warnings::add).exportPlainInstances(reader, Path.of(out));
        }
        return warnings.toArray(String[]::new);
    }

    private static LabelTable table(String labels) throws IOException {
        return labels == null ? LabelTable.cityscapes() : LabelTable.read(Path.of(labels));
    }
}
