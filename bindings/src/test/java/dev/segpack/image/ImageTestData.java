package dev.segpack.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.testing.Python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** testdata/images/ and its reference.json (made by cv2.imread; see testdata/README.md). */
final class ImageTestData {

    static final Path DIR = Path.of(System.getProperty("segpack.testdata", "../testdata")).resolve("images");

    /** One reference row: file relative to testdata/images, expected geometry and pixel digests. */
    record Expected(String file, int h, int w, String bgrMd5, double bgrMean, JsonNode row) {
        Path path() {
            return DIR.resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private ImageTestData() {
    }

    /** Reference rows whose file name starts with {@code prefix} (e.g. "coco/", "png/"). */
    static List<Expected> expected(String prefix) {
        try {
            JsonNode root = new ObjectMapper().readTree(DIR.resolve("reference.json").toFile());
            List<Expected> rows = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getKey().startsWith(prefix)) {
                    JsonNode row = e.getValue();
                    rows.add(new Expected(e.getKey(), row.get("h").asInt(), row.get("w").asInt(),
                            row.get("bgr_md5").asText(), row.get("bgr_mean").asDouble(), row));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("reference.json has no rows for " + prefix);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String md5(Image image) {
        return md5(image.data().asSlice(0, image.byteSize()));
    }

    static String md5(MemorySegment bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(bytes.asByteBuffer());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pillow's pixel bytes (16-bit as little-endian) of each PNG file, as MD5 hex, one a file. */
    static List<String> pillowMd5s(List<String> files) throws IOException, InterruptedException {
        String script = """
                import sys, hashlib, numpy as np
                from PIL import Image
                for path in sys.argv[1:]:
                    a = np.asarray(Image.open(path))
                    if a.dtype != np.uint8:
                        a = a.astype('<u2')
                    print(hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest())
                """;
        return Python.require("PIL", "numpy").run(script, files.toArray(String[]::new)).strip().lines().toList();
    }

    static double mean(Image image) {
        MemorySegment data = image.data();
        long sum = 0;
        for (long i = 0; i < image.byteSize(); i++) {
            sum += Byte.toUnsignedInt(data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i));
        }
        return (double) sum / image.byteSize();
    }
}
