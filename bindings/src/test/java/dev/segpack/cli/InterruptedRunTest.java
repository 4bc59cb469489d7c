package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, finding 5, through the command line: {@code coco rle} stopped by SIGINT, SIGTERM or SIGHUP
 * while its output is being written leaves nothing at or beside the target.
 */
class InterruptedRunTest {

    private static final int ANNOTATIONS = 40_000;

    @TempDir
    static Path data;

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void aSignalledRunLeavesNoFiles(String signal) throws Exception {
        Path in = bigCoco();
        Path target = out.resolve("out.json");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "coco", "rle", "--ann", in.toString(), "--out", target.toString(), "--recompute", "--threads", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (entries().isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assumeTrue(child.isAlive() && !entries().isEmpty(), "the run ended before it could be signalled");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assumeTrue(kill.waitFor() == 0, "kill(1) is not available here");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the run did not stop");
            assertNotEquals(0, child.exitValue(), "a signalled run does not report success");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), entries());
    }

    /** A COCO file of many polygon annotations, written once for the class. */
    private static synchronized Path bigCoco() throws IOException {
        Path file = data.resolve("big.json");
        if (Files.exists(file)) {
            return file;
        }
        StringBuilder json = new StringBuilder("{\"images\":[{\"id\":1,\"height\":480,\"width\":640,\"file_name\":\"a.jpg\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"x\"}],\"annotations\":[");
        for (int i = 1; i <= ANNOTATIONS; i++) {
            int x = i % 600, y = i % 440;
            json.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"image_id\":1,\"category_id\":1,"
                    + "\"iscrowd\":0,\"area\":1,\"bbox\":[0,0,1,1],\"segmentation\":[[")
                    .append(x).append(',').append(y).append(',').append(x + 37.5).append(',').append(y + 3).append(',')
                    .append(x + 20).append(',').append(y + 39.25).append(',').append(x + 1).append(',').append(y + 30)
                    .append("]]}");
        }
        return Files.writeString(file, json.append("]}"));
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
