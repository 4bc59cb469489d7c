package dev.segpack.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The training run runs each command between {@code ;} separators, all of them, and counts the failures. */
class TrainingRunTest {

    @Test
    void runsEveryCommandAndCountsTheFailed() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int failed;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            failed = TrainingRun.run("--version", ";", "coco", "info", "--ann", "no-such-file.json", ";", "--version");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(1, failed);
        assertEquals("segpack 0.1.0" + System.lineSeparator() + "segpack 0.1.0" + System.lineSeparator(),
                stdout.toString(StandardCharsets.UTF_8));
    }
}
