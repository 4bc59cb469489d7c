package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run stopped by SIGINT, SIGTERM or SIGHUP while writing leaves no file at or beside its target. */
class SignalCleanupTest {

    @TempDir
    Path dir;

    /** The child: opens an output with a spill file, says so, then waits to be signalled. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            AtomicOutput out = new AtomicOutput(Path.of(args[0]));
            Files.writeString(out.temp(), "half-written");
            Files.writeString(out.scratch("spill"), "spilled");
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void noDebrisAfterASignal(String signal) throws Exception {
        Path target = dir.resolve("out.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            assertEquals("ready", lines.readLine());
            assertEquals(2, entries().size(), "the temp and spill files exist while writing");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assumeTrue(kill.waitFor() == 0, "kill(1) is not available here");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not stop");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), entries());
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
