package dev.segpack.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.skeleton.DecompressPose;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.npy.NpyArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** Kinetics decompression of the reference pickles against what PYSKL's DecompressPose gave on the same items. */
class KineticsDecompressionTest {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("skeleton/decompress.jsonl.gz")
    void pickleItemsDecompressAsTheToolbox(String name, JsonNode row) throws IOException {
        String source = row.get("source").asText();
        if (!source.contains("_compressed.json#")) {
            return; // synthetic items: the engine's DecompressPoseTest has them
        }
        Path pickle = PickleGoldenTest.DIR.resolve(source.substring(0, source.indexOf('.')) + "_p4.pkl");
        String frameDir = source.substring(source.indexOf('#') + 1);
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(pickle, arena);
            DecompressPose op = new DecompressPose(row.get("squeeze").asBoolean(), row.get("max_person").asInt());
            Map<?, ?> item = find(new KineticsDecompression(op, null, arena).apply(pickle, content), frameDir);
            JsonNode out = row.get("output");
            assertEquals(out.get("total_frames").asLong(), item.get("total_frames"));
            NpyArray kp = (NpyArray) item.get("keypoint");
            assertEquals(out.get("shape").toString(), List.of(kp.shape()[0], kp.shape()[1], kp.shape()[2], kp.shape()[3]).toString()
                    .replace(" ", ""));
            assertArrayEquals(halves(out.get("keypoint_f16")), kp.data().toArray(F16));
            assertArrayEquals(halves(out.get("keypoint_score_f16")), ((NpyArray) item.get("keypoint_score")).data().toArray(F16));
            assertTrue(!item.containsKey("frame_inds"), "frame_inds is popped");
        }
    }

    /** Keypoints kept in a kpfile (by frame_dir, the item naming it in raw_file) decompress as the same keypoints inline. */
    @Test
    @SuppressWarnings("unchecked")
    void kpfilesGiveWhatInlineKeypointsGive() throws IOException {
        Path pickle = PickleGoldenTest.DIR.resolve("numpy1_compressed_p4.pkl");
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(pickle, arena);
            Map<Object, Object> kpfile = new LinkedHashMap<>();
            List<Object> items = new ArrayList<>();
            for (Object o : (List<?>) content) {
                Map<Object, Object> item = new LinkedHashMap<>((Map<?, ?>) o);
                kpfile.put(item.get("frame_dir"), item.remove("keypoint"));
                item.put("raw_file", "kpfiles/part_0.pkl");
                items.add(item);
            }
            PickleWriter.write(dir.resolve("part_0.pkl"), kpfile, 4);
            Path split = dir.resolve("split.pkl");
            DecompressPose op = new DecompressPose();
            Object inline = new KineticsDecompression(op, null, arena).apply(pickle, content);
            Object viaKpfiles = new KineticsDecompression(op, dir, arena).apply(split, items);
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            PickleJson.write(strip(inline), a);
            PickleJson.write(strip(viaKpfiles), b);
            // the same fields and values; keypoint comes last where it was re-added, so key order is not compared
            assertEquals(new ObjectMapper().readTree(a.toString()), new ObjectMapper().readTree(b.toString()));

            ((Map<Object, Object>) items.get(1)).put("frame_dir", "not_in_the_kpfile");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new KineticsDecompression(op, dir, arena).apply(split, items));
            assertEquals(split + ": annotation 1 (frame_dir not_in_the_kpfile): frame_dir not_in_the_kpfile is not in kpfile "
                    + dir.resolve("part_0.pkl"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new KineticsDecompression(op, null, arena).apply(split, items));
            assertTrue(e.getMessage().contains("annotation 0 (frame_dir k400_00000): its keypoints are in the kpfile"), e.getMessage());
        }
    }

    private static List<Object> strip(Object decompressed) {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) decompressed) {
            Map<Object, Object> item = new LinkedHashMap<>((Map<?, ?>) o);
            item.remove("raw_file");
            out.add(item);
        }
        return out;
    }

    private static Map<?, ?> find(Object content, String frameDir) {
        for (Object o : (List<?>) content) {
            if (o instanceof Map<?, ?> m && frameDir.equals(m.get("frame_dir"))) {
                return m;
            }
        }
        throw new IllegalStateException("no item " + frameDir);
    }

    private static short[] halves(JsonNode bits) {
        short[] out = new short[bits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) bits.get(i).asInt();
        }
        return out;
    }
}
