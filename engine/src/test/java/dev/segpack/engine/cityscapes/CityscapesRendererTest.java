package dev.segpack.engine.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CityscapesRendererTest {

    private final CityscapesRenderer renderer = new CityscapesRenderer(LabelTable.cityscapes());

    @Test
    void carsAreNumberedFromZeroAndGroupsKeepTheClassId() {
        List<PolygonObject> objects = List.of(
                new PolygonObject("car", new double[] {0, 0, 1, 0}, false),
                new PolygonObject("cargroup", new double[] {2, 0, 3, 0}, false),
                new PolygonObject("car", new double[] {4, 0, 4, 0}, true),
                new PolygonObject("car", new double[] {5, 0, 5, 0}, false),
                new PolygonObject("license plate", new double[] {5, 0, 5, 0}, false));
        try (Arena arena = Arena.ofConfined()) {
            Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, 1, 7, EnumSet.allOf(ImageType.class));
            renderer.render(1, 7, objects, maps);
            assertEquals(List.of(26000, 26000, 26, 26, 0, 26001, 0), row(maps.get(ImageType.INSTANCE_IDS)));
            assertEquals(List.of(13000, 13000, 13, 13, 255, 13001, 255), row(maps.get(ImageType.INSTANCE_TRAIN_IDS)));
            assertEquals(List.of(26, 26, 26, 26, 0, 26, 0), row(maps.get(ImageType.LABEL_IDS)));
            assertEquals(List.of(13, 13, 13, 13, 255, 13, 255), row(maps.get(ImageType.LABEL_TRAIN_IDS)));
            int car = 0xFF8E0000; // R 0, G 0, B 142, A 255 as little-endian bytes
            int black = 0xFF000000;
            assertEquals(List.of(car, car, car, car, black, car, black), row(maps.get(ImageType.COLOR)));
        }
    }

    @Test
    void undrawableObjectsAreNamedByIndex() {
        try (Arena arena = Arena.ofConfined()) {
            Map<ImageType, LabelMap> maps = CityscapesRenderer.allocate(arena, 4, 4, EnumSet.of(ImageType.LABEL_IDS));
            InvalidObjectException unknown = assertThrows(InvalidObjectException.class, () -> renderer.render(4, 4,
                    List.of(new PolygonObject("road", new double[] {0, 0, 1, 1}, false),
                            new PolygonObject("lamppostgroup", new double[] {0, 0, 1, 1}, false)), maps));
            assertEquals("object 1 ('lamppostgroup'): label 'lamppost' not known", unknown.getMessage());
            InvalidObjectException onePoint = assertThrows(InvalidObjectException.class, () -> renderer.render(4, 4,
                    List.of(new PolygonObject("road", new double[] {0, 0}, true),
                            new PolygonObject("license plate", new double[] {0, 0}, false),
                            new PolygonObject("road", new double[] {0, 0}, false)), maps));
            assertEquals(2, onePoint.objectIndex());
            assertEquals("object 2 ('road'): a polygon needs at least 2 points, got 1 (Pillow raises TypeError)",
                    onePoint.getMessage());
        }
    }

    @Test
    void mapsOfTheWrongTypeOrSizeAreRefused() {
        try (Arena arena = Arena.ofConfined()) {
            LabelMap u16 = LabelMap.allocate(arena, 2, 3, LabelType.UINT16, Order.ROW_MAJOR);
            LabelMap columns = LabelMap.allocate(arena, 2, 3, LabelType.UINT8, Order.COLUMN_MAJOR);
            assertEquals("labelIds needs a row-major 2x3 map of type UINT8, got ROW_MAJOR 2x3 UINT16",
                    assertThrows(IllegalArgumentException.class,
                            () -> renderer.render(2, 3, List.of(), Map.of(ImageType.LABEL_IDS, u16))).getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> renderer.render(2, 3, List.of(), Map.of(ImageType.LABEL_IDS, columns)));
            assertThrows(IllegalArgumentException.class,
                    () -> renderer.render(3, 2, List.of(), Map.of(ImageType.INSTANCE_IDS, u16)));
        }
    }

    private static List<Integer> row(LabelMap map) {
        return LongStream.range(0, map.pixels()).mapToObj(i -> map.getFlat(i)).toList();
    }
}
