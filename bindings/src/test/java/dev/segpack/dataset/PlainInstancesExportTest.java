package dev.segpack.dataset;

import static dev.segpack.dataset.ExportFixtures.categories;
import static dev.segpack.dataset.ExportFixtures.info;
import static dev.segpack.dataset.ExportFixtures.item;
import static dev.segpack.dataset.ExportFixtures.options;
import static dev.segpack.dataset.ExportFixtures.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.rle.Rle;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain instances file `masks to-coco` writes, byte for byte. */
class PlainInstancesExportTest {

    @TempDir
    Path out;

    private String export(Item... items) throws IOException {
        Path file = out.resolve("plain.json");
        new CocoExporter(options(SegmentationMode.GUESS, false, false), Progress.NONE, w -> {
        }).exportPlainInstances(new ListReader(categories(), List.of(items)), file);
        return Files.readString(file);
    }

    @Test
    void objectsAreTheirPolygonsOrTheirCompressedMaskWithTheMasksAreaAndBox() throws IOException {
        Rle square = rect(4, 5, 1, 1, 2, 2);
        Rle dot = rect(4, 5, 4, 3, 4, 3);
        String json = export(
                item("p", 4, 5,
                        new Annotation.RleMask(info(1, 1, 1), square),
                        new Annotation.Polygon(info(1, 1, 1), new double[] {1, 1, 1, 2, 2, 2, 2, 1})),
                item("q", 4, 5, new Annotation.RleMask(info(2, 2, 2), dot)),
                item("empty", 4, 5));
        assertEquals("""
                {"categories":[{"id":10,"name":"a","supercategory":"s"},{"id":20,"name":"b","supercategory":""},\
                {"id":3,"name":"c","supercategory":""}],"images":[
                {"id":1,"file_name":"p.jpg","height":4,"width":5},
                {"id":2,"file_name":"q.jpg","height":4,"width":5},
                {"id":3,"file_name":"empty.jpg","height":4,"width":5}
                ],"annotations":[
                {"id":1,"image_id":1,"category_id":20,"segmentation":[[1,1,1,2,2,2,2,1]],"area":4,\
                "bbox":[1.0,1.0,2.0,2.0],"iscrowd":0},
                {"id":2,"image_id":2,"category_id":3,"segmentation":{"size":[4,5],"counts":"c01"},"area":1,\
                "bbox":[4.0,3.0,1.0,1.0],"iscrowd":0}
                ]}
                """, json);
    }

    @Test
    void theFileIsWrittenWithoutItemsAndCoordinatesThatAreNotWholeStayFloats() throws IOException {
        assertEquals("{\"categories\":[{\"id\":10,\"name\":\"a\",\"supercategory\":\"s\"},{\"id\":20,\"name\":\"b\","
                + "\"supercategory\":\"\"},{\"id\":3,\"name\":\"c\",\"supercategory\":\"\"}],\"images\":[],"
                + "\"annotations\":[]}\n", export());
        String json = export(item("p", 4, 5, new Annotation.RleMask(info(1, 0, 1), rect(4, 5, 0, 0, 3, 3)),
                new Annotation.Polygon(info(1, 0, 1), new double[] {0.5, 0, 3, 0, 3, 3})));
        assertTrue(json.contains("\"segmentation\":[[0.5,0,3,0,3,3]]"), json);
    }

    @Test
    void aGroupWithoutAMaskIsRefusedAndNoFileIsLeft() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> export(item("p", 4, 5,
                new Annotation.Polygon(info(7, 0, 3), new double[] {0, 0, 3, 0, 3, 3}))));
        assertTrue(e.getMessage().contains("item 'p' annotation id 7"), e.getMessage());
        assertFalse(Files.exists(out.resolve("plain.json")));
    }
}
