package dev.segpack.cli;

import static dev.segpack.cli.FailureReportTest.coco;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segpack.testing.CliRun;
import dev.segpack.testing.CraftedJpeg;
import dev.segpack.testing.CraftedPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings of the adversarial pass (issue 9) replayed through the command line, one test per
 * finding that its own test class does not already cover at this level: each is refused in one line
 * naming the file (or, where the input is valid, handled), fast, and leaves no output behind.
 * Elsewhere: findings 7, 9, 10 in {@link FailureReportTest}, {@link HelpTextTest},
 * {@link SummaryPluralsTest}, {@link MaskFolderMessagesTest}, {@link PanopticMessagesTest},
 * {@link PackH5MessagesTest}, {@link H5InspectCommandTest}; signals in {@link InterruptedRunTest}.
 */
class AdversarialInputTest {

    @TempDir
    Path tmp;

    /** Finding 1: a FIFO is refused before any work; a symbolic link's regular target is replaced, the link kept. */
    @Test
    void outputPathsThatAreNotRegularFilesAreRefused() throws IOException, InterruptedException {
        Path in = coco(tmp.resolve("in.json"), "[[0,0,3,0,3,2]]", "");
        Path fifo = tmp.resolve("fifo.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo(1) is not available here");
        CliRun refused = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", fifo.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.oneErrLine().startsWith("segpack coco rle: error: " + fifo + " is "), refused.err());
        assertTrue(Files.isRegularFile(fifo) == false && Files.exists(fifo), "the FIFO is left as it was");

        Path target = Files.writeString(tmp.resolve("target.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), target.getFileName());
        CliRun written = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", link.toString());
        assertEquals(0, written.code(), written.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(target).contains("\"counts\""));
        assertEquals(List.of("fifo.json", "in.json", "link.json", "target.json"), entries());
    }

    /** Finding 2: truncated colour PNGs, a bad IHDR CRC and a palette PNG without PLTE are errors, not masks. */
    @Test
    void brokenPngMasksAreRefused() throws IOException {
        int w = 40, h = 30;
        byte[] rgbRows = CraftedPng.rows(new int[w * h * 3], w, h, 3, 8, false);
        byte[] fiveRows = Arrays.copyOf(rgbRows, 5 * (1 + 3 * w));
        byte[] ihdr = CraftedPng.ihdr(w, h, 8, 2, false);
        byte[] badCrc = ihdr.clone();
        badCrc[badCrc.length - 1] ^= 1;
        byte[] paletteRows = CraftedPng.zlib(CraftedPng.rows(new int[w * h], w, h, 1, 8, false));
        byte[] end = CraftedPng.chunk("IEND", new byte[0]);
        for (byte[] png : List.of(
                CraftedPng.file(ihdr, CraftedPng.chunk("IDAT", CraftedPng.zlib(fiveRows)), end),
                CraftedPng.file(CraftedPng.ihdr(w, h, 16, 0, false), CraftedPng.chunk("IDAT",
                        CraftedPng.zlib(Arrays.copyOf(CraftedPng.rows(new int[w * h], w, h, 1, 16, false),
                                5 * (1 + 2 * w)))), end),
                CraftedPng.file(badCrc, CraftedPng.chunk("IDAT", CraftedPng.zlib(rgbRows)), end),
                CraftedPng.file(CraftedPng.ihdr(w, h, 8, 3, false), CraftedPng.chunk("IDAT", paletteRows), end))) {
            assertMaskRefused("a_car_0.png", png);
        }
    }

    /** Finding 3: a few bytes declaring a huge image are refused from the header, in milliseconds. */
    @Test
    void tinyFilesDeclaringHugeImagesAreRefusedFromTheirHeaders() throws IOException {
        byte[] grey16 = CraftedPng.file(CraftedPng.ihdr(100_000, 100_000, 16, 0, false),
                CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[8])), CraftedPng.chunk("IEND", new byte[0]));
        assertTrue(assertMaskRefused("a_car_0.png", grey16).contains("pixels, more than the limit of 2147483648"));
        byte[] rgb = CraftedPng.file(CraftedPng.ihdr(40_000, 40_000, 8, 2, false),
                CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[100])), CraftedPng.chunk("IEND", new byte[0]));
        assertMaskRefused("a_car_0.png", rgb);
        assertTrue(assertMaskRefused("a_car_0.jpg", CraftedJpeg.grayDeclaring(65_500, 65_500))
                .contains("more than the limit of 2147483648"));
    }

    /** --max-pixels moves the limit for one run; a limit below 1 is a usage error. */
    @Test
    void maxPixelsSetsTheLimitForTheRun() throws IOException {
        int[] foreground = new int[100 * 100];
        Arrays.fill(foreground, 255);
        byte[] png = CraftedPng.file(CraftedPng.ihdr(100, 100, 8, 0, false),
                CraftedPng.chunk("IDAT", CraftedPng.zlib(CraftedPng.rows(foreground, 100, 100, 1, 8, false))),
                CraftedPng.chunk("IEND", new byte[0]));
        assertTrue(assertMaskRefused("a_car_0.png", png, "--max-pixels", "9999").contains("more than the limit of 9999"));
        Path masks = tmp.resolve("masks");
        CliRun accepted = CliRun.of("masks", "to-coco", "--masks", masks.toString(), "--out", tmp.resolve("o.json").toString());
        assertEquals(0, accepted.code(), "the limit was for the one run: " + accepted.err());

        CliRun zero = CliRun.of("masks", "to-coco", "--masks", masks.toString(), "--out", "o.json", "--max-pixels", "0");
        assertEquals(2, zero.code());
        assertEquals("--max-pixels must be at least 1, not 0", zero.errLines().get(0));
    }

    /** Finding 4: triangles 1.8e7 pixels out convert at once; a 60000² RGBA16 PNG is one line, not a trace. */
    @Test
    void farAwayPolygonsAndHugeDeclaredPngsCostNothing() throws IOException {
        String far = "[[18000000.5,3,-18000000,7.25,5,18000000],[1,-18000000,1,18000000,18000000,1],"
                + "[-18000000,-18000000,18000000,-18000000,0,29],[17999999,17999999,-17999999,17999999,20,0]]";
        Path in = coco(tmp.resolve("far.json"), far, "");
        Path out = tmp.resolve("far_rle.json");
        CliRun r = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", out.toString(), "--recompute");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out).contains("\"counts\""));

        byte[] rgba16 = CraftedPng.file(CraftedPng.ihdr(60_000, 60_000, 16, 6, false),
                CraftedPng.chunk("IDAT", CraftedPng.zlib(new byte[64])), CraftedPng.chunk("IEND", new byte[0]));
        assertMaskRefused("a_car_0.png", rgba16);
    }

    /** Finding 6: COCO's crowd ids (≥ 2^24) are renumbered in panoptic output, which reads back. */
    @Test
    void panopticExportOfCrowdIdsReadsBack() throws IOException {
        Path in = Files.writeString(tmp.resolve("crowd.json"), "{\"images\":[{\"id\":1,\"height\":3,\"width\":4,"
                + "\"file_name\":\"a.jpg\"}],\"categories\":[{\"id\":1,\"name\":\"x\"}],\"annotations\":["
                + "{\"id\":900100217285,\"image_id\":1,\"category_id\":1,\"iscrowd\":1,\"area\":4,\"bbox\":[0,0,2,2],"
                + "\"segmentation\":{\"size\":[3,4],\"counts\":[0,2,1,2,7]}},"
                + "{\"id\":7,\"image_id\":1,\"category_id\":1,\"iscrowd\":0,\"area\":2,\"bbox\":[3,0,1,2],"
                + "\"segmentation\":{\"size\":[3,4],\"counts\":[9,2,1]}}]}");
        Path dir = tmp.resolve("export");
        CliRun export = CliRun.of("coco", "export", "--ann", in.toString(), "--out", dir.toString(), "--tasks", "panoptic");
        assertEquals(0, export.code(), export.err());
        Path json = dir.resolve("annotations/panoptic_default.json");
        assertTrue(Files.readString(json).contains("{\"id\":1,"), "the crowd segment takes id 1");
        CliRun back = CliRun.of("panoptic", "to-detection", "--json", json.toString(),
                "--pngs", dir.resolve("annotations/panoptic_default").toString(), "--out", tmp.resolve("det.json").toString());
        assertEquals(0, back.code(), back.err());
    }

    /** Finding 8: --skip-invalid skips an annotation whose image_id is missing, null or a string. */
    @Test
    void skipInvalidSkipsBadImageIds() throws IOException {
        for (String imageId : new String[] {"null", "\"1\"", "absent"}) {
            Path in = coco(tmp.resolve("bad_image.json"), "[[0,0,3,0,3,2]]", "");
            String text = Files.readString(in);
            text = imageId.equals("absent") ? text.replace("\"image_id\":1,", "")
                    : text.replace("\"image_id\":1,", "\"image_id\":" + imageId + ",");
            Files.writeString(in, text);
            Path out = tmp.resolve("o.json");
            CliRun strict = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", out.toString());
            assertEquals(1, strict.code(), imageId);
            assertTrue(strict.oneErrLine().startsWith("segpack coco rle: error: " + in + ": annotation "), strict.err());
            CliRun lenient = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", out.toString(), "--skip-invalid");
            assertEquals(0, lenient.code(), imageId + ": " + lenient.err());
            assertTrue(lenient.out().contains(" 1 invalid,"), lenient.out());
        }
    }

    /** Writes {@code bytes} as the one mask file of a flat folder, runs masks to-coco, returns its one error line. */
    private String assertMaskRefused(String name, byte[] bytes, String... more) throws IOException {
        Path masks = Files.createDirectories(tmp.resolve("masks"));
        try (Stream<Path> old = Files.list(masks)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path file = Files.write(masks.resolve(name), bytes);
        Path out = tmp.resolve("masks.json");
        String[] args = Stream.concat(Stream.of("masks", "to-coco", "--masks", masks.toString(), "--out", out.toString()),
                Stream.of(more)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(1, r.code(), r.err());
        String line = r.oneErrLine();
        assertTrue(line.startsWith("segpack masks to-coco: error: ") && line.contains(file.toString()), line);
        assertFalse(Files.exists(out));
        return line;
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
