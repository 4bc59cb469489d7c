package dev.segpack.engine.pose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import java.util.ArrayList;
import java.util.List;

/** COCO person annotations of the golden and reference rows, as {@link PosePacker} takes them. */
public final class PoseRows {

    private PoseRows() {
    }

    /** annToRLE: polygons rasterised one by one and merged; an RLE dict taken as it is. */
    public static Annotation annotation(JsonNode a, int h, int w) {
        JsonNode s = a.get("segmentation");
        Rle mask;
        if (s.isArray()) {
            List<Rle> parts = new ArrayList<>();
            s.forEach(p -> parts.add(MaskApi.frPoly(Testdata.doubles(p), h, w)));
            mask = MaskApi.merge(parts, false);
        } else {
            int rh = s.get("size").get(0).asInt(), rw = s.get("size").get(1).asInt();
            mask = s.get("counts").isArray() ? Rle.of(rh, rw, Testdata.ints(s.get("counts")))
                    : RleString.decode(rh, rw, s.get("counts").asText());
        }
        return new Annotation(mask, a.get("iscrowd").asInt() != 0, a.get("num_keypoints").asInt());
    }

    /** The annotations of a golden row ({@code h}, {@code w}, {@code annotations}). */
    public static List<Annotation> annotations(JsonNode row) {
        int h = row.get("h").asInt(), w = row.get("w").asInt();
        List<Annotation> annotations = new ArrayList<>();
        row.get("annotations").forEach(a -> annotations.add(annotation(a, h, w)));
        return annotations;
    }
}
