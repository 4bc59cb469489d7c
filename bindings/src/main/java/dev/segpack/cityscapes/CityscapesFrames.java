package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.CityscapesRenderer;
import dev.segpack.engine.cityscapes.ImageRuns;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.InvalidObjectException;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.RunImage;
import dev.segpack.image.RunPngEncoder;
import dev.segpack.image.SampleType;
import dev.segpack.io.AtomicOutput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders frames on worker threads, each with its own {@link CityscapesRenderer}, PNG encoder and canvas: the maps
 * of one frame, reused for the next (fresh native memory costs more page faults than the drawing), valid until that
 * thread renders again and freed when this is closed, after the workers have stopped. PNGs are written from runs
 * ({@link CityscapesRenderer#renderRuns}, {@link RunPngEncoder}), never from pixels. An object cityscapesScripts
 * cannot draw becomes a {@link CityscapesFormatException} naming the file and the object.
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
        PolygonsJson.Frame frame = PolygonsJson.read(file.json());
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

    /**
     * Writes the PNGs of {@code types} ({@link GtFolder.FrameFile#png}: 8-bit grey, RGBA, 16-bit grey) of the frame
     * whose polygons file holds {@code json} (read by the caller), each handed to {@code batch} once written;
     * returns the frame's object count.
     */
    int writePngs(GtFolder.FrameFile file, byte[] json, Set<ImageType> types, Path outRoot, AtomicOutput.Batch batch)
            throws IOException {
        PolygonsJson.Frame frame = PolygonsJson.read(json, file.json());
        PixelLimit.checkedPixels(frame.h(), frame.w());
        Canvas c = canvas.get();
        ImageRuns runs;
        try {
            runs = c.renderer.renderRuns(frame.h(), frame.w(), frame.objects(), types);
        } catch (InvalidObjectException e) {
            throw new CityscapesFormatException(file.json() + ": " + e.getMessage(), e);
        }
        for (ImageType type : types) {
            ByteBuffer png = c.pngs.encode(new PngRuns(runs, type));
            try (AtomicOutput target = new AtomicOutput(file.png(outRoot, type.suffix()), batch)) {
                try (FileChannel out = FileChannel.open(target.temp(), StandardOpenOption.WRITE)) {
                    while (png.hasRemaining()) {
                        out.write(png);
                    }
                }
                target.commitIn(batch);
            }
        }
        return frame.objects().size();
    }

    /** One image of a frame's runs as its PNG holds it: 8-bit grey, 16-bit grey (big-endian) or RGBA. */
    private record PngRuns(ImageRuns runs, ImageType type) implements RunImage {

        @Override
        public int h() {
            return runs.h();
        }

        @Override
        public int w() {
            return runs.w();
        }

        @Override
        public PixelFormat format() {
            return type.pngType() == LabelType.INT32 ? PixelFormat.RGBA : PixelFormat.GRAY;
        }

        @Override
        public SampleType sampleType() {
            return type.pngType() == LabelType.UINT16 ? SampleType.UINT16 : SampleType.UINT8;
        }

        @Override
        public int row(int y, int[] starts, int[] pixels) {
            int n = runs.row(type, y, starts, pixels);
            if (type.pngType() == LabelType.UINT16) {
                for (int i = 0; i < n; i++) {
                    pixels[i] = (pixels[i] >>> 8 & 0xFF) | (pixels[i] & 0xFF) << 8;
                }
            }
            return n; // an INT32 colour ink is R, G, B, A from its low byte up: the file's order
        }
    }

    private synchronized Canvas newCanvas() {
        Canvas c = new Canvas(new CityscapesRenderer(table));
        canvases.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        for (Canvas c : canvases) {
            c.arena.close();
        }
        canvases.clear();
    }

    /** One thread's renderer, PNG encoder and memory per image type, grown when a frame needs more. */
    private static final class Canvas {
        final CityscapesRenderer renderer;
        final RunPngEncoder pngs = new RunPngEncoder();
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
