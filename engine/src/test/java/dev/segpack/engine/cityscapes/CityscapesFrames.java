package dev.segpack.engine.cityscapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.testing.Testdata;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads the test frames (polygons JSON as annotation.py reads it) and the reference PNGs. */
final class CityscapesFrames {

    static final String GOLDEN_DIR = "cityscapes/gtFine/val/bochum/";
    static final List<String> GOLDEN_FRAMES = List.of("bochum_000001_000019", "bochum_000001_000020",
            "bochum_000001_000021", "bochum_000001_000022", "bochum_000001_000023", "bochum_000001_000024");

    record Frame(int h, int w, List<PolygonObject> objects) {
    }

    private CityscapesFrames() {
    }

    static Frame read(Path json) {
        try {
            return parse(new ObjectMapper().readTree(json.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    static Frame parse(JsonNode root) {
        List<PolygonObject> objects = new ArrayList<>();
        for (JsonNode o : root.get("objects")) {
            JsonNode polygon = o.get("polygon");
            double[] xy = new double[2 * polygon.size()];
            for (int i = 0; i < polygon.size(); i++) {
                xy[2 * i] = polygon.get(i).get(0).asDouble();
                xy[2 * i + 1] = polygon.get(i).get(1).asDouble();
            }
            objects.add(new PolygonObject(o.get("label").asText(), xy, truthy(o.get("deleted"))));
        }
        return new Frame(root.get("imgHeight").asInt(), root.get("imgWidth").asInt(), objects);
    }

    /** Python's truth value of a JSON value (absent: 0). */
    private static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        return v.isTextual() ? !v.asText().isEmpty() : !v.isEmpty();
    }

    /** The pixels of a PNG, row-major; RGBA packed as little-endian R, G, B, A bytes like the color map. */
    static int[] png(String relative) {
        Path p = Testdata.path(relative);
        try {
            Raster raster = ImageIO.read(p.toFile()).getRaster();
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
            if (bands == 1) {
                return samples;
            }
            if (bands != 4) {
                throw new IllegalStateException(p + " has " + bands + " bands");
            }
            int[] packed = new int[samples.length / 4];
            for (int i = 0; i < packed.length; i++) {
                packed[i] = samples[4 * i] | samples[4 * i + 1] << 8 | samples[4 * i + 2] << 16 | samples[4 * i + 3] << 24;
            }
            return packed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Describes the first pixel where the map differs from {@code expected}, or null when none does. */
    static String firstDifference(LabelMap map, int[] expected) {
        if (expected.length != map.pixels()) {
            return "size " + map.h() + "x" + map.w() + " but " + expected.length + " expected pixels";
        }
        long differ = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            int actual = map.getFlat(i);
            if (actual != expected[i]) {
                if (first == null) {
                    first = "(x " + i % map.w() + ", y " + i / map.w() + ") is " + Integer.toHexString(actual)
                            + ", expected " + Integer.toHexString(expected[i]);
                }
                differ++;
            }
        }
        return first == null ? null : differ + " pixels differ, first " + first;
    }
}
