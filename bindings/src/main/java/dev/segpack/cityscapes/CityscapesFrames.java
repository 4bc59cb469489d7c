package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.CityscapesRenderer;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.InvalidObjectException;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders frames and writes their PNGs on worker threads, each with its own {@link CityscapesRenderer}, PNG encoder
 * and canvas: the maps of one frame, reused for the next (fresh native memory costs more page faults than the
 * drawing), valid until that thread renders again and freed when this is closed, after the workers have stopped.
 * An object cityscapesScripts cannot draw becomes a {@link CityscapesFormatException} naming the file and the object.
 */
final class CityscapesFrames implements AutoCloseable {

    private final LabelTable table;
    private final List<Canvas> canvases = new ArrayList<>();
    private final ThreadLocal<Canvas> canvas = ThreadLocal.withInitial(this::newCanvas);

    CityscapesFrames(LabelTable table) {
        new CityscapesRenderer(table); // refuses a table without 'unlabeled' before any work starts
        this.table = table;
    }

    /** The frame's images of {@code types} in this thread's canvas; also its object count. */
    Rendered render(GtFolder.FrameFile file, Set<ImageType> types) throws IOException {
        return render(file, Files.readAllBytes(file.json()), types);
    }

    /** {@link #render(GtFolder.FrameFile, Set)} of the file's content {@code json}, read by the caller. */
    Rendered render(GtFolder.FrameFile file, byte[] json, Set<ImageType> types) throws IOException {
        PolygonsJson.Frame frame = PolygonsJson.read(json, file.json());
        Canvas c = canvas.get();
        Map<ImageType, LabelMap> maps = new EnumMap<>(ImageType.class);
        for (ImageType type : types) {
            maps.put(type, c.map(type, frame.h(), frame.w()));
        }
        try {
            c.renderer.render(frame.h(), frame.w(), frame.objects(), maps);
        } catch (InvalidObjectException e) {
            throw new CityscapesFormatException(file.json() + ": " + e.getMessage(), e);
        }
        return new Rendered(maps, frame.objects().size());
    }

    record Rendered(Map<ImageType, LabelMap> maps, int objects) {
    }

    /** Writes a rendered map as its PNG: 8-bit grey, 16-bit grey, or RGBA for the colour image's INT32 map. */
    void writePng(Path png, LabelMap map) throws IOException {
        Image image = switch (map.type()) {
            case UINT8 -> new Image(map.data(), map.h(), map.w(), PixelFormat.GRAY, SampleType.UINT8);
            case UINT16 -> new Image(map.data(), map.h(), map.w(), PixelFormat.GRAY, SampleType.UINT16);
            case INT32 -> new Image(map.data(), map.h(), map.w(), PixelFormat.RGBA, SampleType.UINT8);
        };
        canvas.get().encoder.write(png, image);
    }

    private synchronized Canvas newCanvas() {
        Canvas c = new Canvas(new CityscapesRenderer(table));
        canvases.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        for (Canvas c : canvases) {
            c.encoder.close();
            c.arena.close();
        }
        canvases.clear();
    }

    /** One thread's renderer, PNG encoder and memory per image type, grown when a frame needs more. */
    private static final class Canvas {
        final CityscapesRenderer renderer;
        final PngFile.Encoder encoder = new PngFile.Encoder();
        final Arena arena = Arena.ofShared(); // closed by the thread that closes the frames
        final Map<ImageType, MemorySegment> memory = new EnumMap<>(ImageType.class);

        Canvas(CityscapesRenderer renderer) {
            this.renderer = renderer;
        }

        LabelMap map(ImageType type, int h, int w) {
            PixelLimit.checkedPixels(h, w);
            long bytes = (long) h * w * type.pngType().bytes;
            MemorySegment m = memory.get(type);
            if (m == null || m.byteSize() < bytes) {
                m = arena.allocate(Math.max(1, bytes), 64);
                memory.put(type, m);
            }
            return new LabelMap(m.asSlice(0, bytes), h, w, type.pngType(), Order.ROW_MAJOR);
        }
    }
}
