package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a run fails (issue 9, findings 7, 9 and 10): a usage error is one line and a
 * pointer to --help, exit 2; bad input is one line naming the file and the item, exit 1; no stack
 * trace and no library wording unless -v asks for it.
 */
class FailureReportTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingInputFileIsNamedWithItsReason() {
        Path missing = tmp.resolve("nope.json");
        CliRun r = CliRun.of("coco", "rle", "--ann", missing.toString(), "--out", tmp.resolve("o.json").toString());
        assertEquals(1, r.code());
        assertEquals("segpack coco rle: error: cannot read " + missing + ": no such file", r.oneErrLine());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = tmp.resolve("nope.json");
        for (String flag : new String[] {"-v", "--verbose"}) {
            CliRun r = CliRun.of("coco", "info", "--ann", missing.toString(), flag);
            assertEquals(1, r.code());
            List<String> lines = r.errLines();
            assertEquals("segpack coco info: error: cannot read " + missing + ": no such file", lines.get(0));
            assertTrue(lines.size() > 2 && lines.get(1).startsWith("java.nio.file.NoSuchFileException"), r.err());
        }
    }

    @Test
    void aUsageErrorIsOneLineAndWhereTheHelpIs() {
        assertUsageError("Unknown option: '--recomput' (did you mean --recompute?)", "coco rle",
                "coco", "rle", "--ann", "a.json", "--out", "b.json", "--recomput");
        assertUsageError("Missing required option: '--out=OUT.json'", "coco rle", "coco", "rle", "--ann", "a.json");
        assertUsageError("--format is 'svg'; expected polygon or rle", "masks to-coco",
                "masks", "to-coco", "--masks", "m", "--out", "o.json", "--format", "svg");
        assertUsageError("give exactly one input: --ann IN.json or --masks DIR", "coco export", "coco", "export", "--out", "o");
        assertUsageError("Missing required subcommand: one of rle, info, pack-h5, export, eval, show", "coco", "coco");
    }

    /** The command line {@code args} fails with exit 2, {@code message} and where the help of {@code command} is. */
    private static void assertUsageError(String message, String command, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code());
        assertEquals(List.of(message, "see 'segpack " + command + " --help'"), r.errLines());
    }

    @Test
    void aFolderAsOutputIsRefusedNamingIt() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "{\"images\":[],\"annotations\":[],\"categories\":[]}");
        Path dir = Files.createDirectory(tmp.resolve("adir"));
        CliRun r = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", dir.toString());
        assertEquals(1, r.code());
        assertEquals("segpack coco rle: error: " + dir + " is a directory; the output must be a regular file or a new path",
                r.oneErrLine());
    }

    /** Finding 7: a count too large for any integer type is the annotation's problem, which --skip-invalid skips. */
    @Test
    void aHugeUncompressedCountNamesTheAnnotationAndCanBeSkipped() throws IOException {
        Path in = coco(tmp.resolve("huge.json"), "{\"size\":[3,4],\"counts\":[1000000000000000000000000000000,11]}", "");
        Path out = tmp.resolve("o.json");
        CliRun strict = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", out.toString());
        assertEquals(1, strict.code());
        assertEquals("segpack coco rle: error: " + in + ": annotation id 1 (#0): RLE count 0 is"
                + " 10000000000000000000... (31 characters), outside 0..2^32-1", strict.oneErrLine());
        CliRun lenient = CliRun.of("coco", "rle", "--ann", in.toString(), "--out", out.toString(), "--skip-invalid");
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.out().contains(" 1 invalid,"), lenient.out());
    }

    /** Finding 7: one nesting limit, said in segpack's words, wherever the deep value is. */
    @Test
    void nestingIsLimitedOnceAt1000Levels() throws IOException {
        String polygon = "[[0,0,3,0,3,2]]";
        Path out = tmp.resolve("o.json");
        for (String where : new String[] {"annotation", "top level"}) {
            String ok = "[".repeat(1000) + "]".repeat(1000);
            Path fits = where.equals("annotation") ? coco(tmp.resolve("fits.json"), polygon, ",\"extra\":" + ok)
                    : topLevel(tmp.resolve("fits.json"), polygon, ok);
            CliRun accepted = CliRun.of("coco", "rle", "--ann", fits.toString(), "--out", out.toString());
            assertEquals(0, accepted.code(), where + ": " + accepted.err());

            String deep = "[".repeat(1001) + "]".repeat(1001);
            Path tooDeep = where.equals("annotation") ? coco(tmp.resolve("deep.json"), polygon, ",\"extra\":" + deep)
                    : topLevel(tmp.resolve("deep.json"), polygon, deep);
            CliRun refused = CliRun.of("coco", "rle", "--ann", tooDeep.toString(), "--out", out.toString());
            assertEquals(1, refused.code());
            String line = refused.oneErrLine();
            assertTrue(line.startsWith("segpack coco rle: error: " + tooDeep + ": not valid JSON at line 1, column ")
                    && line.endsWith(": values nested more than 1000 deep, found '['"), where + ": " + line);
        }
    }

    /** Out of memory is one line naming the input, not a stack trace (a child JVM with a small heap). */
    @Test
    void outOfMemoryIsOneLineNamingTheInput() throws IOException, InterruptedException {
        StringBuilder segments = new StringBuilder();
        for (int i = 1; i <= 60_000; i++) {
            segments.append(i > 1 ? "," : "").append("{\"id\":").append(i)
                    .append(",\"category_id\":1,\"iscrowd\":0,\"area\":1,\"bbox\":[0,0,1,1]}");
        }
        Path json = tmp.resolve("big_panoptic.json");
        Files.writeString(json, "{\"images\":[{\"id\":1,\"height\":2,\"width\":2,\"file_name\":\"a.jpg\"}],"
                + "\"annotations\":[{\"image_id\":1,\"file_name\":\"a.png\",\"segments_info\":[" + segments + "]}],"
                + "\"categories\":[{\"id\":1,\"name\":\"x\",\"isthing\":1}]}");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "panoptic", "to-detection",
                "--json", json.toString(), "--pngs", tmp.toString(), "--out", tmp.resolve("o.json").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, p.exitValue(), err);
        List<String> lines = err.lines().filter(l -> l.startsWith("segpack panoptic")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("segpack panoptic to-detection: error: " + json + ": out of memory (")
                && lines.get(0).contains("SEGPACK_JVM_OPTS=-Xmx"), lines.get(0));
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    /** A COCO file of one 3x4 image and one annotation with {@code segmentation} and {@code more} members. */
    static Path coco(Path file, String segmentation, String more) throws IOException {
        return Files.writeString(file, "{\"images\":[{\"id\":1,\"height\":3,\"width\":4,\"file_name\":\"a.jpg\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"x\"}],\"annotations\":[{\"id\":1,\"image_id\":1,"
                + "\"category_id\":1,\"iscrowd\":0,\"area\":1,\"bbox\":[0,0,1,1],\"segmentation\":" + segmentation
                + more + "}]}");
    }

    private static Path topLevel(Path file, String segmentation, String extra) throws IOException {
        coco(file, segmentation, "");
        String text = Files.readString(file);
        return Files.writeString(file, text.substring(0, text.length() - 1) + ",\"extra\":" + extra + "}");
    }
}
