package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every command with {@code --threads} refuses fewer than 1 the same way: a usage error naming the value. */
class ThreadsOptionTest {

    /** Each command with its required options; the files need not exist, parsing stops first. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("coco", "rle", "--ann", "in.json", "--out", "out.json"),
            List.of("coco", "export", "--ann", "in.json", "--out", "out"),
            List.of("coco", "pack-h5", "--ann", "in.json", "--images", "images", "--out", "out.h5"),
            List.of("masks", "to-coco", "--masks", "masks", "--out", "out.json"),
            List.of("panoptic", "to-detection", "--json", "p.json", "--pngs", "pngs", "--out", "out.json"),
            List.of("panoptic", "to-semantic", "--json", "p.json", "--pngs", "pngs", "--out-dir", "out"),
            List.of("panoptic", "from-detection", "--ann", "in.json", "--categories", "c.json", "--out-json",
                    "out.json", "--out-pngs", "out"));

    @Test
    void fewerThanOneThreadIsAUsageError() {
        for (List<String> command : COMMANDS) {
            for (String threads : new String[] {"0", "-3"}) {
                CliRun r = CliRun.of(Stream.concat(command.stream(), Stream.of("--threads", threads)).toArray(String[]::new));
                String message = r.err();
                assertEquals(2, r.code(), command + " --threads " + threads + ": " + message);
                assertTrue(message.startsWith("--threads must be at least 1, not " + threads + System.lineSeparator()),
                        command + ": " + message);
            }
        }
    }
}
