package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.RleString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadRes' semantics (BEHAVIOR.md A.5) and the errors that name the result. */
class CocoResultsTest {

    private static final String GT = """
            {"images": [{"id": 7, "height": 10, "width": 12}, {"id": 8, "height": 4, "width": 4}],
             "categories": [{"id": 1, "name": "a"}, {"id": 3, "name": "b"}],
             "annotations": [{"id": 1, "image_id": 7, "category_id": 1, "bbox": [1, 1, 3, 3], "area": 9,
                              "iscrowd": 0, "segmentation": [[1, 1, 4, 1, 4, 4, 1, 4]]}]}
            """;

    @TempDir
    Path tmp;
    private CocoIndex gt;
    private Path results;

    @BeforeEach
    void groundTruth() throws IOException {
        Path file = tmp.resolve("gt.json");
        Files.writeString(file, GT);
        gt = CocoIndex.load(file);
        results = tmp.resolve("results.json");
    }

    private CocoResults load(String json, IouType type) throws IOException {
        Files.writeString(results, json);
        return CocoResults.load(results, gt, type);
    }

    private void refused(String json, IouType type, String message) {
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> load(json, type));
        assertEquals(results + ": " + message, e.getMessage());
    }

    @Test
    void boxesTakeTheirAreaFromTheBoxAndAreNumberedFromOne() throws IOException {
        CocoResults r = load("""
                [{"image_id": 7, "category_id": 1, "bbox": [1, 2, 3.5, 4], "score": 0.5},
                 {"image_id": 8, "category_id": 3, "bbox": [0, 0, 2, 2], "score": 1}]""", IouType.SEGM);
        assertEquals(CocoResults.Form.BBOX, r.form());
        Detections d = r.detections();
        assertArrayEquals(new long[] {1, 2}, d.ids());
        assertArrayEquals(new double[] {14, 4}, d.areas());
        // without a segmentation, the mask is the box's polygon on the image
        assertEquals(MaskApi.frBbox(new dev.segpack.engine.rle.Bbox(1, 2, 3.5, 4), 10, 12), d.masks()[0]);
    }

    @Test
    void aSegmentationWithABoxStillTakesTheBoxArea() throws IOException {
        String counts = RleString.encode(MaskApi.frBbox(new dev.segpack.engine.rle.Bbox(0, 0, 2, 2), 10, 12));
        CocoResults r = load("[{\"image_id\": 7, \"category_id\": 1, \"score\": 0.5, \"bbox\": [0, 0, 5, 5],"
                + " \"segmentation\": {\"size\": [10, 12], \"counts\": \"" + counts + "\"}}]", IouType.SEGM);
        assertEquals(CocoResults.Form.BBOX, r.form());
        assertArrayEquals(new double[] {25}, r.detections().areas());
    }

    @Test
    void masksTakeAreaAndBoxFromTheMaskPolygonsIncluded() throws IOException {
        String counts = RleString.encode(MaskApi.frBbox(new dev.segpack.engine.rle.Bbox(1, 1, 2, 3), 10, 12));
        CocoResults r = load("[{\"image_id\": 7, \"category_id\": 1, \"score\": 0.5,"
                + " \"segmentation\": {\"size\": [10, 12], \"counts\": \"" + counts + "\"}},"
                + " {\"image_id\": 7, \"category_id\": 1, \"score\": 0.5, \"segmentation\": [[1, 1, 5, 1, 5, 3, 1, 3]]},"
                + " {\"image_id\": 8, \"category_id\": 1, \"score\": 0.5, \"segmentation\": {\"size\": [10, 12], \"counts\": \""
                + counts + "\"}}]", IouType.BBOX);
        assertEquals(CocoResults.Form.SEGMENTATION, r.form());
        assertArrayEquals(new double[] {6, 8, 6}, r.detections().areas());
        assertArrayEquals(new double[] {1, 1, 2, 3, 1, 1, 4, 2, 1, 1, 2, 3}, r.detections().boxes());
        assertEquals(1, r.sizeMismatches());
    }

    @Test
    void keypointsTakeBoxAndAreaFromTheirExtent() throws IOException {
        StringBuilder points = new StringBuilder("[2, 3, 2, 0, 0, 0");
        for (int k = 2; k < 17; k++) {
            points.append(", 5, 9, 1");
        }
        CocoResults r = load("[{\"image_id\": 7, \"category_id\": 1, \"score\": 0.5, \"keypoints\": " + points + "]}]",
                IouType.KEYPOINTS);
        assertEquals(CocoResults.Form.KEYPOINTS, r.form());
        assertArrayEquals(new double[] {45}, r.detections().areas());
        assertArrayEquals(new double[] {0, 0, 5, 9}, r.detections().boxes());
        assertEquals(51, r.detections().keypoints().length);
    }

    @Test
    void manyMasksLoadTheSameOnWorkersAsOnTheCallingThread() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 9000; i++) {
            int h = i % 97 == 0 ? 4 : 10, w = h == 4 ? 4 : 12;
            String counts = RleString.encode(MaskApi.frBbox(new dev.segpack.engine.rle.Bbox(i % 5, i % 7, 1 + i % 4, 2), h, w));
            json.append(i == 0 ? "" : ",").append("{\"image_id\": 7, \"category_id\": 1, \"score\": ").append(i % 10 / 10.0)
                    .append(", \"segmentation\": {\"size\": [").append(h).append(", ").append(w).append("], \"counts\": \"")
                    .append(counts.replace("\\", "\\\\")).append("\"}}"); // counts may hold '\', escaped in JSON
        }
        Files.writeString(results, json.append("]").toString());
        CocoResults one = CocoResults.load(results, gt, IouType.SEGM);
        CocoResults two;
        try (java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2)) {
            two = CocoResults.load(results, gt, IouType.SEGM, pool);
        }
        assertEquals(9000, two.size());
        assertEquals(93, one.sizeMismatches());
        assertEquals(one.sizeMismatches(), two.sizeMismatches());
        assertArrayEquals(one.detections().areas(), two.detections().areas());
        assertArrayEquals(one.detections().boxes(), two.detections().boxes());
        assertArrayEquals(one.detections().masks(), two.detections().masks());
        assertEquals(MaskApi.area(one.detections().masks()[8999]), one.detections().areas()[8999]);
    }

    @Test
    void anEmptyListIsNoDetections() throws IOException {
        CocoResults r = load(" [ ] ", IouType.BBOX);
        assertEquals(CocoResults.Form.EMPTY, r.form());
        assertEquals(0, r.detections().size());
    }

    @Test
    void badResultsAreRefusedNamingTheirPosition() {
        String ok = "{\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}";
        refused("[" + ok + ", {\"image_id\": 9, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]",
                IouType.BBOX, "result #1 image_id 9 is not in the ground truth's images");
        refused("[" + ok + ", {\"image_id\": 7, \"category_id\": 2, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]",
                IouType.BBOX, "result #1 category_id 2 is not in the ground truth's categories");
        refused("[" + ok + ", " + ok + ", {\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]",
                IouType.BBOX, "result #2 has no score");
        refused("[" + ok + ", {\"image_id\": 7, \"category_id\": 1, \"score\": 1, \"segmentation\": [[1, 2, 3, 4, 5, 6]]}]",
                IouType.BBOX, "result #1 has no bbox (the first result has one)");
        refused("[{\"image_id\": 7, \"category_id\": 1, \"score\": 1, \"segmentation\": {\"size\": [10, 12], \"counts\": \"0{\"}}]",
                IouType.SEGM, "result #0 segmentation: counts string has '{' at char 1; only '0'..'o' are allowed");
        refused("[{\"image_id\": 7, \"category_id\": 1, \"score\": 1, \"segmentation\": {\"size\": [10, 12], \"counts\": [5, 200]}}]",
                IouType.SEGM, "result #0 segmentation: counts exceed h*w=120 of a 10x12 mask at run 1 (of 2)");
        refused("[{\"image_id\": 7, \"category_id\": 1, \"caption\": \"a cat\"}]", IouType.BBOX,
                "result #0 is a caption result; only bbox, segm and keypoints results are evaluated");
        refused("[{\"image_id\": 7, \"category_id\": 1, \"score\": 1}]", IouType.BBOX,
                "result #0 has no bbox, segmentation or keypoints");
        refused("[" + ok + ", 5]", IouType.BBOX, "result #1 is a number, not an object");
        refused("{\"annotations\": []}", IouType.BBOX,
                "not a results file (the top level is an object, not a list of results)");
        refused("[" + ok + "]", IouType.KEYPOINTS, "result #0 has no keypoints, which keypoint evaluation compares");
    }
}
