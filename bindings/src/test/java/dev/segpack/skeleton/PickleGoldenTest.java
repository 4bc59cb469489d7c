package dev.segpack.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every reference pickle (numpy 1.24 and 2.4, protocols 4 and 5, plain and compressed) reads to the
 * content its .json records. The plain files' .json is exactly what {@link PickleJson} writes; the
 * compressed files' reference wrote its int16 arrays' values as floats (0.0, 1.0...), so those are
 * compared as numbers.
 */
class PickleGoldenTest {

    static final Path DIR = Path.of(System.getProperty("segpack.testdata", "../testdata")).resolve("skeleton");

    @ParameterizedTest
    @CsvSource({"numpy1_p4.pkl, numpy1.json, true", "numpy1_p5.pkl, numpy1.json, true", "numpy2_p4.pkl, numpy2.json, true",
        "numpy2_p5.pkl, numpy2.json, true", "numpy1_compressed_p4.pkl, numpy1_compressed.json, false",
        "numpy2_compressed_p4.pkl, numpy2_compressed.json, false"})
    void contentEqualsTheReference(String pickle, String json, boolean sameText) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(DIR.resolve(pickle), arena);
            StringBuilder text = new StringBuilder();
            PickleJson.write(content, text);
            String expected = Files.readString(DIR.resolve(json));
            if (sameText) {
                assertSameText(expected, text.toString());
            }
            ObjectMapper mapper = new ObjectMapper();
            JsonNode want = mapper.readTree(expected);
            JsonNode got = mapper.readTree(text.toString());
            assertTrue(want.equals((a, b) -> a.isNumber() && b.isNumber()
                    ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1, got), pickle);
        }
    }

    /** Equal texts, or a failure showing where they first differ (the files are too long to print whole). */
    static void assertSameText(String expected, String actual) {
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        if (at < expected.length() || at < actual.length()) {
            int from = Math.max(0, at - 80);
            assertEquals(expected.substring(from, Math.min(expected.length(), at + 80)),
                    actual.substring(from, Math.min(actual.length(), at + 80)), "first difference at character " + at);
        }
    }
}
