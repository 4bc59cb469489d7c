package dev.segpack.engine.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.segpack.engine.cityscapes.CityscapesFrames.Frame;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The six golden frames: all five images equal cityscapesScripts 2.2.4 + Pillow 9.4's PNGs pixel for pixel. */
class CityscapesGoldenTest {

    @Test
    void everyImageOfEveryFrameEqualsTheReference() {
        CityscapesRenderer renderer = new CityscapesRenderer(LabelTable.cityscapes());
        long pixels = 0;
        for (String name : CityscapesFrames.GOLDEN_FRAMES) {
            Frame frame = CityscapesFrames.read(Testdata.path(CityscapesFrames.GOLDEN_DIR + name + "_gtFine_polygons.json"));
            try (Arena arena = Arena.ofConfined()) {
                Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, frame.h(), frame.w(),
                        EnumSet.allOf(ImageType.class));
                renderer.render(frame.h(), frame.w(), frame.objects(), maps);
                for (Map.Entry<ImageType, LabelMap> e : maps.entrySet()) {
                    String png = CityscapesFrames.GOLDEN_DIR + name + "_gtFine_" + e.getKey().suffix() + ".png";
                    assertNull(CityscapesFrames.firstDifference(e.getValue(), CityscapesFrames.png(png)), png);
                    pixels += e.getValue().pixels();
                }
            }
        }
        assertEquals(5L * 2 * (2048 * 1024 + 640 * 320 + 97 * 61), pixels); // two frames of each size
    }

    @Test
    void int32InstanceMapsHoldTheSameValues() {
        CityscapesRenderer renderer = new CityscapesRenderer(LabelTable.cityscapes());
        for (String name : CityscapesFrames.GOLDEN_FRAMES) {
            Frame frame = CityscapesFrames.read(Testdata.path(CityscapesFrames.GOLDEN_DIR + name + "_gtFine_polygons.json"));
            try (Arena arena = Arena.ofConfined()) {
                for (ImageType type : EnumSet.of(ImageType.INSTANCE_IDS, ImageType.INSTANCE_TRAIN_IDS)) {
                    LabelMap map = LabelMap.allocate(arena, frame.h(), frame.w(), LabelType.INT32, Order.ROW_MAJOR);
                    renderer.render(frame.h(), frame.w(), frame.objects(), Map.of(type, map));
                    String png = CityscapesFrames.GOLDEN_DIR + name + "_gtFine_" + type.suffix() + ".png";
                    assertNull(CityscapesFrames.firstDifference(map, CityscapesFrames.png(png)), png);
                }
            }
        }
    }

    @Test
    void aMergedTableGivesTheReferenceTrainIdImages() throws IOException {
        CityscapesRenderer renderer = new CityscapesRenderer(
                LabelTable.read(Testdata.path("cityscapes/reference/labels_merged.csv")));
        int images = 0;
        for (String name : CityscapesFrames.GOLDEN_FRAMES) {
            Frame frame = CityscapesFrames.read(Testdata.path(CityscapesFrames.GOLDEN_DIR + name + "_gtFine_polygons.json"));
            try (Arena arena = Arena.ofConfined()) {
                Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, frame.h(), frame.w(),
                        EnumSet.of(ImageType.LABEL_TRAIN_IDS, ImageType.INSTANCE_TRAIN_IDS));
                renderer.render(frame.h(), frame.w(), frame.objects(), maps);
                for (Map.Entry<ImageType, LabelMap> e : maps.entrySet()) {
                    String png = "cityscapes/reference/merged/" + name + "_gtFine_" + e.getKey().suffix() + ".png";
                    assertNull(CityscapesFrames.firstDifference(e.getValue(), CityscapesFrames.png(png)), png);
                    images++;
                }
            }
        }
        assertEquals(12, images);
    }
}
