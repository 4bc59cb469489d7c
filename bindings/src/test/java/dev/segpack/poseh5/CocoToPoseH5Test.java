package dev.segpack.poseh5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.JpegDecoder;
import dev.segpack.io.Progress;
import dev.segpack.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `coco pack-h5` on coco-mini against what the recipe (pycocotools + OpenCV + numpy + h5py) gives. */
class CocoToPoseH5Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path packed;
    private static List<JsonNode> reference;

    @BeforeAll
    static void packCocoMini(@TempDir Path dir) throws IOException {
        packed = dir.resolve("pose.h5");
        pack(keypointsFile(), Testdata.path("coco-mini/val2017"), packed, PoseEncoding.NARROW, false);
        reference = Testdata.jsonLines("coco-mini/reference/person_keypoints_val2017_packed.jsonl.gz");
    }

    static Path keypointsFile() {
        return Testdata.path("coco-mini/annotations/person_keypoints_val2017.json");
    }

    static CocoToPoseH5.Summary pack(Path ann, Path images, Path out, PoseEncoding encoding, boolean skip)
            throws IOException {
        return new CocoToPoseH5(new CocoToPoseH5.Options(2, H5Compression.none(), encoding, skip), Progress.NONE,
                message -> { }).pack(ann, images, out);
    }

    @Test
    void everyImageHasTheReferencePackedByteAndKeypoints() throws IOException {
        try (PoseH5Dataset data = PoseH5Dataset.open(packed); Arena arena = Arena.ofConfined()) {
            assertEquals(reference.size(), data.imageIds().length);
            for (JsonNode r : reference) {
                long id = r.get("image_id").asLong();
                PoseSample s = data.read(id, arena);
                assertEquals(r.get("h").asInt(), s.h());
                assertEquals(r.get("w").asInt(), s.w());
                byte[] expected = inflate(r.get("encoding_zlib_b64").asText());
                byte[] actual = repack(s);
                assertArrayEquals(expected, actual, "packed byte of image " + id);
                assertEquals(r.get("keypoints"), JSON.valueToTree(s.keypoints()), "keypoints of image " + id);
            }
        }
    }

    @Test
    void bgrPixelsMatchOpenCvWithLibjpegTurbo() throws Exception {
        String unavailable = JpegDecoder.turboJpegUnavailableReason().orElse(null);
        if (unavailable != null) {
            System.err.println("SKIPPED exact BGR md5 check: " + unavailable);
        }
        assumeTrue(unavailable == null, unavailable);
        try (PoseH5Dataset data = PoseH5Dataset.open(packed); Arena arena = Arena.ofConfined()) {
            for (JsonNode r : reference) {
                PoseSample s = data.read(r.get("image_id").asLong(), arena);
                byte[] bgr = s.bgr().asSlice(0, (long) s.h() * s.w() * 3).toArray(ValueLayout.JAVA_BYTE);
                assertEquals(r.get("bgr_md5").asText(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bgr)), "image " + r.get("image_id"));
            }
        }
    }

    /** h5py sees the recipe's layout: group coco, str(id) names, uint8 [h,w,4], int64 [n,51] keypoints. */
    @Test
    void h5pyReadsTheRecipeLayout() throws Exception {
        String script = """
                import sys, json, hashlib, zlib, base64, gzip
                import h5py, numpy as np
                ref = [json.loads(l) for l in gzip.open(sys.argv[2])]
                with h5py.File(sys.argv[1], 'r') as f:
                    assert list(f.keys()) == ['coco'], list(f.keys())
                    g = f['coco']
                    assert sorted(g.keys()) == sorted(str(r['image_id']) for r in ref)
                    for r in ref:
                        d = g[str(r['image_id'])]
                        assert d.dtype == np.uint8 and d.shape == (r['h'], r['w'], 4), (d.dtype, d.shape)
                        a = d[...]
                        packed = np.frombuffer(zlib.decompress(base64.b64decode(r['encoding_zlib_b64'])), np.uint8)
                        assert np.array_equal(a[..., 3].ravel(), packed), r['image_id']
                        kp = d.attrs['keypoints']
                        assert kp.dtype == np.int64 and kp.shape == (len(r['keypoints']), 51), (kp.dtype, kp.shape)
                        assert kp.tolist() == r['keypoints']
                print(len(ref))
                """;
        Path ref = Testdata.path("coco-mini/reference/person_keypoints_val2017_packed.jsonl.gz");
        String out = Python.require("h5py", "numpy").run(script, packed.toString(), ref.toString());
        assertEquals(String.valueOf(reference.size()), out.trim());
    }

    @Test
    void decoderReadsAFileWrittenByH5pyInTheRecipeLayout() throws IOException {
        JsonNode expected = JSON.readTree(Testdata.path("h5/pose_h5py.json").toFile());
        try (PoseH5Dataset data = PoseH5Dataset.open(Testdata.path("h5/pose_h5py.h5"));
                Arena arena = Arena.ofConfined()) {
            assertEquals(expected.get("images").size(), data.imageIds().length);
            for (long id : data.imageIds()) {
                JsonNode e = findImage(expected, id);
                byte[] raw = Base64.getDecoder().decode(e.get("bytes_b64").asText());
                PoseSample s = data.read(id, arena);
                for (int i = 0; i < s.h() * s.w(); i++) {
                    int p = raw[4 * i + 3] & 0xff;
                    assertEquals(raw[4 * i], s.bgr().get(ValueLayout.JAVA_BYTE, 3L * i));
                    assertEquals(raw[4 * i + 2], s.bgr().get(ValueLayout.JAVA_BYTE, 3L * i + 2));
                    assertEquals(p & 0x3f, s.instanceIndex().getFlat(i));
                    assertEquals((p >> 6) & 1, s.crowd().data().get(ValueLayout.JAVA_BYTE, i));
                    assertEquals(p >> 7, s.unannotated().data().get(ValueLayout.JAVA_BYTE, i));
                }
                assertEquals(e.get("keypoints"), JSON.valueToTree(s.keypoints()));
            }
        }
    }

    private static JsonNode findImage(JsonNode expected, long id) {
        for (JsonNode e : expected.get("images")) {
            if (e.get("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("pose_h5py.json has no image " + id);
    }

    @Test
    void moreThan63InstancesAreRefusedNamingTheImageUnlessWide(@TempDir Path dir) throws IOException {
        ObjectNode d = (ObjectNode) JSON.readTree(keypointsFile().toFile());
        ArrayNode anns = (ArrayNode) d.get("annotations");
        JsonNode first = anns.get(0);
        for (int i = 0; i < 64; i++) {
            ObjectNode copy = first.deepCopy();
            copy.put("id", 9_000_000 + i);
            anns.add(copy);
        }
        Path ann = dir.resolve("crowded.json");
        JSON.writeValue(ann.toFile(), d);
        Path out = dir.resolve("out.h5");
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> pack(ann, Testdata.path("coco-mini/val2017"), out, PoseEncoding.NARROW, false));
        assertTrue(e.getMessage().contains("image id " + first.get("image_id").asLong()), e.getMessage());
        assertTrue(e.getMessage().contains("--wide") && !e.getMessage().contains("WIDE"), "names the flag: " + e.getMessage());
        assertFalse(Files.exists(out));
        assertOnly(dir, ann);

        CocoToPoseH5.Summary s = pack(ann, Testdata.path("coco-mini/val2017"), out, PoseEncoding.WIDE, false);
        assertEquals(reference.size(), s.images());
        try (PoseH5Dataset data = PoseH5Dataset.open(out); Arena arena = Arena.ofConfined()) {
            long id = first.get("image_id").asLong();
            assertEquals(PoseEncoding.WIDE, data.encoding(id));
            PoseSample crowded = data.read(id, arena);
            assertTrue(crowded.instances() > 64);
            // the first instance still wins where it was first, as in the narrow encoding
            try (PoseH5Dataset narrow = PoseH5Dataset.open(packed)) {
                PoseSample plain = narrow.read(id, arena);
                for (long i = 0; i < (long) plain.h() * plain.w(); i++) {
                    assertEquals(plain.instanceIndex().getFlat(i), crowded.instanceIndex().getFlat(i));
                }
            }
        }
    }

    @Test
    void aMissingImageStopsTheRunNamingTheFileUnlessSkipped(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        List<Path> all;
        try (var files = Files.list(Testdata.path("coco-mini/val2017"))) {
            all = files.sorted().toList();
        }
        for (Path f : all.subList(1, all.size())) {
            Files.copy(f, images.resolve(f.getFileName()));
        }
        Path out = dir.resolve("out.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> pack(keypointsFile(), images, out, PoseEncoding.NARROW, false));
        assertTrue(e.getMessage().contains(all.get(0).getFileName().toString()), e.getMessage());
        assertFalse(Files.exists(out));

        CocoToPoseH5.Summary s = pack(keypointsFile(), images, out, PoseEncoding.NARROW, true);
        assertEquals(1, s.missingImages());
        assertEquals(reference.size() - 1, s.images());
    }

    private static void assertOnly(Path dir, Path... expected) throws IOException {
        try (var files = Files.list(dir)) {
            assertEquals(List.of(expected), files.toList(), "files left in " + dir);
        }
    }

    /** The packed byte back from the unpacked sample: index | crowd << 6 | unannotated << 7. */
    private static byte[] repack(PoseSample s) {
        int n = s.h() * s.w();
        byte[] out = new byte[n];
        MemorySegment crowd = s.crowd().data(), unann = s.unannotated().data();
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (s.instanceIndex().getFlat(i) | crowd.get(ValueLayout.JAVA_BYTE, i) << 6
                    | unann.get(ValueLayout.JAVA_BYTE, i) << 7);
        }
        return out;
    }

    private static byte[] inflate(String zlibBase64) {
        try {
            Inflater inflater = new Inflater();
            inflater.setInput(Base64.getDecoder().decode(zlibBase64));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                out.write(buf, 0, inflater.inflate(buf));
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }
}
