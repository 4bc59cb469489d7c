package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoFileWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void writesHeaderImagesAndNumberedAnnotationsEvenWhenLinesAreLong() throws IOException {
        Path target = tmp.resolve("out.json");
        String longText = "x".repeat(300_000); // longer than the copy buffer
        try (CocoFileWriter w = new CocoFileWriter(target, "\"categories\":[]".getBytes(StandardCharsets.UTF_8))) {
            w.image("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
            w.annotation(0, JsonText.renderFields(g -> g.writeStringField("text", longText)));
            w.annotation(41, JsonText.renderFields(g -> g.writeNumberField("image_id", 1)));
            w.rawAnnotation("{\"image_id\":1}".getBytes(StandardCharsets.UTF_8));
            w.annotation(0, JsonText.renderFields(g -> g.writeNumberField("image_id", 1)));
            w.commit();
        }
        JsonNode file = JSON.readTree(target.toFile());
        java.util.List<String> names = new java.util.ArrayList<>();
        file.fieldNames().forEachRemaining(names::add);
        assertEquals(names, java.util.List.of("categories", "images", "annotations"));
        JsonNode anns = file.get("annotations");
        assertEquals(42, anns.get(0).get("id").asLong(), "numbered after the largest id");
        assertEquals(longText, anns.get(0).get("text").asText());
        assertEquals(41, anns.get(1).get("id").asLong());
        assertFalse(anns.get(2).has("id"));
        assertEquals(43, anns.get(3).get("id").asLong());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(java.util.List.of(target), files.toList(), "temp and spill files are gone");
        }
    }

    @Test
    void emptyArraysAndCloseWithoutCommitLeavesNothing() throws IOException {
        Path target = tmp.resolve("empty.json");
        try (CocoFileWriter w = new CocoFileWriter(target, new byte[0])) {
            w.commit();
        }
        assertEquals("{\"images\":[],\"annotations\":[]}\n", Files.readString(target));
        Path dropped = tmp.resolve("dropped.json");
        try (CocoFileWriter w = new CocoFileWriter(dropped, new byte[0])) {
            w.image("{}".getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(java.util.List.of(target), files.toList());
        }
    }
}
