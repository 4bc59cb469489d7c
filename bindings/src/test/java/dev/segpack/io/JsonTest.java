package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void bytesJacksonWouldReadAsUtf16Or32AreRefusedAsJson() {
        byte[][] refused = {
            {0, 0, 0, '{', 0, 0}, // UTF-32BE by Jackson's guess, cut short
            {'{', 0, 0, 0}, // UTF-32LE
            {'[', 0, ']', 0}, // UTF-16LE
            {(byte) 0xFE, (byte) 0xFF, 0, '['}, // a UTF-16 byte-order mark
            {(byte) 0xFF, (byte) 0xFE, '[', 0},
        };
        for (byte[] bytes : refused) {
            assertThrows(JsonParseException.class, () -> Json.parser(bytes).nextToken());
        }
        byte[] inside = {'x', '[', 0, ']'};
        assertThrows(JsonParseException.class, () -> Json.parser(inside, 1, 3).nextToken());
    }

    @Test
    void utf8IsReadFromTheGivenRange() throws IOException {
        byte[] bytes = "xx[1,\"é\"]".getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = Json.parser(bytes, 2, bytes.length - 2)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            assertEquals(1, p.nextIntValue(0));
            assertEquals("é", p.nextTextValue());
        }
    }
}
