package dev.segpack.cityscapes;

import dev.segpack.engine.cityscapes.CityscapesRenderer;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.InvalidObjectException;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.Map;
import java.util.Set;

/**
 * Renders frames with one {@link CityscapesRenderer} per worker thread, and views the rendered maps as the images
 * their PNGs hold. An object cityscapesScripts cannot draw becomes a {@link CityscapesFormatException} naming the
 * file and the object.
 */
final class CityscapesFrames {

    private final ThreadLocal<CityscapesRenderer> renderers;

    CityscapesFrames(LabelTable table) {
        new CityscapesRenderer(table); // refuses a table without 'unlabeled' before any work starts
        this.renderers = ThreadLocal.withInitial(() -> new CityscapesRenderer(table));
    }

    /** The frame's images of {@code types}, allocated in {@code arena}; also its object count. */
    Rendered render(GtFolder.FrameFile file, Set<ImageType> types, Arena arena) throws IOException {
        PolygonsJson.Frame frame = PolygonsJson.read(file.json());
        Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, frame.h(), frame.w(), types);
        try {
            renderers.get().render(frame.h(), frame.w(), frame.objects(), maps);
        } catch (InvalidObjectException e) {
            throw new CityscapesFormatException(file.json() + ": " + e.getMessage(), e);
        }
        return new Rendered(maps, frame.objects().size());
    }

    record Rendered(Map<ImageType, LabelMap> maps, int objects) {
    }

    /** A map of {@link ImageType#pngType()} as the image its PNG holds (the same memory). */
    static Image image(LabelMap map) {
        return switch (map.type()) {
            case UINT8 -> new Image(map.data(), map.h(), map.w(), PixelFormat.GRAY, SampleType.UINT8);
            case UINT16 -> new Image(map.data(), map.h(), map.w(), PixelFormat.GRAY, SampleType.UINT16);
            case INT32 -> new Image(map.data(), map.h(), map.w(), PixelFormat.RGBA, SampleType.UINT8);
        };
    }
}
