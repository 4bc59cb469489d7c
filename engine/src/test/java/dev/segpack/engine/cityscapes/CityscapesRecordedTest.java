package dev.segpack.engine.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.cityscapes.CityscapesFrames.Frame;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Synthetic frames drawn by cityscapesScripts itself (bench/harness/cityscapes_render_cases.py): license
 * plates, groups, float and out-of-image vertices, deleted flags, a table with odd trainIds, and frames it
 * cannot draw. Each image type alone, and all five at once.
 */
class CityscapesRecordedTest {

    private static final List<JsonNode> CASES = Testdata.jsonLines("cityscapes/synthetic/cases.jsonl.gz");

    @Test
    void everyImageEqualsWhatCityscapesScriptsDraws() throws IOException {
        Map<String, CityscapesRenderer> renderers = Map.of(
                "cityscapes", new CityscapesRenderer(LabelTable.cityscapes()),
                "odd", new CityscapesRenderer(LabelTable.read(Testdata.path("cityscapes/synthetic/labels_odd.csv"))));
        int images = 0;
        int refusals = 0;
        for (int c = 0; c < CASES.size(); c++) {
            JsonNode row = CASES.get(c);
            CityscapesRenderer renderer = renderers.get(row.get("table").asText());
            Frame frame = CityscapesFrames.parse(row.get("frame"));
            int firstError = Integer.MAX_VALUE;
            try (Arena arena = Arena.ofConfined()) {
                for (ImageType type : ImageType.values()) {
                    String where = "case " + c + " " + type.suffix();
                    JsonNode error = row.get(type.suffix() + "_error");
                    if (error != null) {
                        firstError = Math.min(firstError, error.asInt());
                        LabelMap map = LabelMap.allocate(arena, frame.h(), frame.w(), type.pngType(), Order.ROW_MAJOR);
                        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                                () -> renderer.render(frame.h(), frame.w(), frame.objects(), Map.of(type, map)), where);
                        assertEquals(error.asInt(), e.objectIndex(), where + ": " + e.getMessage());
                        refusals++;
                        continue;
                    }
                    int[] expected = ints(row.get(type.suffix()).asText());
                    for (LabelType mapType : type.isInstanceImage()
                            ? List.of(LabelType.INT32, LabelType.UINT16) : List.of(type.pngType())) {
                        LabelMap map = LabelMap.allocate(arena, frame.h(), frame.w(), mapType, Order.ROW_MAJOR);
                        renderer.render(frame.h(), frame.w(), frame.objects(), Map.of(type, map));
                        assertNull(CityscapesFrames.firstDifference(map, mapType == LabelType.UINT16
                                ? clampedTo16Bits(expected) : expected), where + " " + mapType);
                        images++;
                    }
                }
                Map<ImageType, LabelMap> all = CityscapesRenderer.allocate(arena, frame.h(), frame.w(),
                        EnumSet.allOf(ImageType.class));
                if (firstError != Integer.MAX_VALUE) {
                    InvalidObjectException e = assertThrows(InvalidObjectException.class,
                            () -> renderer.render(frame.h(), frame.w(), frame.objects(), all), "case " + c);
                    assertEquals(firstError, e.objectIndex(), "case " + c);
                } else {
                    renderer.render(frame.h(), frame.w(), frame.objects(), all);
                    for (Map.Entry<ImageType, LabelMap> e : all.entrySet()) {
                        int[] expected = ints(row.get(e.getKey().suffix()).asText());
                        assertNull(CityscapesFrames.firstDifference(e.getValue(), e.getKey().isInstanceImage()
                                ? clampedTo16Bits(expected) : expected), "case " + c + " all, " + e.getKey());
                    }
                }
            }
        }
        assertEquals(80 * 5 - 60 + (80 * 2 - 24), images); // 2 map types for the instance images
        assertEquals(60, refusals);
    }

    /** What saving a mode "I" image as PNG keeps (pillow_inks.json: I_png). */
    private static int[] clampedTo16Bits(int[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.clamp(values[i], 0, 65535);
        }
        return out;
    }

    private static int[] ints(String zlibBase64) {
        byte[] compressed = Base64.getDecoder().decode(zlibBase64);
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        try {
            while (!inflater.finished()) {
                if (!bytes.hasRemaining()) {
                    bytes = ByteBuffer.allocate(bytes.capacity() * 2).put(bytes.flip());
                }
                inflater.inflate(bytes);
            }
        } catch (DataFormatException e) {
            throw new UncheckedIOException(new IOException(e));
        } finally {
            inflater.end();
        }
        bytes.flip().order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(out);
        return out;
    }
}
