package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coco pack-h5}: keypoints that cannot make one attribute row per person are blamed on the annotation. */
class PackH5MessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KEYPOINTS = Testdata.path("coco-mini/annotations/person_keypoints_val2017.json");
    /** An image of coco-mini with two non-crowd persons: annotations #0 (id 200887) and #11 (id 1218137). */
    private static final long IMAGE = 397133;

    @TempDir
    Path tmp;

    @Test
    void keypointRowsOfDifferentLengthsNameBothAnnotations() throws IOException {
        Path ann = withSecondPerson(kp -> {
            while (kp.size() > 3) {
                kp.remove(kp.size() - 1);
            }
        });
        assertRefused(ann, ann + ": annotation id 1218137 (#11) has 3 keypoint values, annotation id 200887 (#0)"
                + " of the same image id 397133 has 51");
    }

    @Test
    void aPersonWithoutKeypointsIsNamed() throws IOException {
        Path ann = withSecondPerson(ArrayNode::removeAll);
        assertRefused(ann, ann + ": annotation id 1218137 (#11) has no keypoints; a non-crowd person of image id 397133"
                + " needs them");
    }

    private void assertRefused(Path ann, String message) {
        Path out = tmp.resolve("out.h5");
        CliRun r = CliRun.of("coco", "pack-h5", "--ann", ann.toString(), "--images",
                Testdata.path("coco-mini/val2017").toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertEquals("segpack coco pack-h5: error: " + message, r.oneErrLine());
        assertFalse(Files.exists(out));
    }

    /** coco-mini's keypoints file with the second non-crowd person of {@link #IMAGE} changed by {@code edit}. */
    private Path withSecondPerson(Consumer<ArrayNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(KEYPOINTS.toFile());
        List<ObjectNode> persons = new ArrayList<>();
        for (JsonNode a : root.get("annotations")) {
            if (a.get("image_id").asLong() == IMAGE && a.get("iscrowd").asInt() == 0) {
                persons.add((ObjectNode) a);
            }
        }
        assertEquals(1218137, persons.get(1).get("id").asLong());
        edit.accept((ArrayNode) persons.get(1).get("keypoints"));
        Path file = tmp.resolve("keypoints.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
