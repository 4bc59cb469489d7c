package dev.segpack.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Locates the project's testdata/ folder and reads its gzip'd JSON Lines. */
public final class Testdata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Testdata() {
    }

    /** A file below testdata/, located through the {@code segpack.testdata} property the build sets. */
    public static Path path(String relative) {
        String root = System.getProperty("segpack.testdata");
        if (root == null) {
            throw new IllegalStateException("system property segpack.testdata is not set (run the tests through Maven)");
        }
        Path p = Path.of(root).resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing test data file " + p);
        }
        return p;
    }

    /** Every row of a gzip'd JSON Lines file below testdata/. */
    public static List<JsonNode> jsonLines(String relative) {
        Path p = path(relative);
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(p + " has no rows");
        }
        return rows;
    }

    /** [[x0, y0], [x1, y1], ...] as the one array [x0, y0, x1, y1, ...], for {@link #ints} or {@link #doubles}. */
    public static JsonNode flatten(JsonNode points) {
        ArrayNode xy = JSON.createArrayNode();
        points.forEach(point -> point.forEach(xy::add));
        return xy;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) array.get(i).asLong();
        }
        return out;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
