package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        try (AtomicOutput out = new AtomicOutput(target)) {
            try (OutputStream s = out.stream()) {
                s.write(text.getBytes(StandardCharsets.UTF_8));
            }
            out.commit();
        }
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesARegularFileAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        write(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("out.json"), entries());
    }

    @Test
    void anUncommittedOutputLeavesNothing() throws IOException {
        Path target = dir.resolve("out.json");
        try (AtomicOutput out = new AtomicOutput(target)) {
            Files.writeString(out.temp(), "half");
            Files.writeString(out.scratch("spill"), "spilled");
            assertTrue(out.temp().getFileName().toString().startsWith(".out.json.segpack-" + ProcessHandle.current().pid()));
        }
        assertEquals(List.of(), entries());
    }

    @Test
    void followsASymbolicLinkAndReplacesItsTarget() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aDanglingLinkIsFollowedToItsNewTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("made.json"));
        write(link, "x");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("x", Files.readString(dir.resolve("made.json")));
    }

    @Test
    void refusesDirectoriesDevicesAndLinkLoopsBeforeWriting() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("adir"));
        OutputPathException directory = assertThrows(OutputPathException.class, () -> new AtomicOutput(sub));
        assertTrue(directory.getMessage().startsWith(sub + " is a directory"), directory.getMessage());
        assertEquals(List.of(), filesIn(sub));

        Path a = dir.resolve("a"), b = dir.resolve("b");
        Files.createSymbolicLink(a, b.getFileName());
        Files.createSymbolicLink(b, a.getFileName());
        assertTrue(assertThrows(OutputPathException.class, () -> new AtomicOutput(a)).getMessage()
                .contains("loop of symbolic links"));

        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null on this system");
        assertTrue(assertThrows(OutputPathException.class, () -> new AtomicOutput(devNull)).getMessage()
                .contains("not a regular file"));
        assertFalse(Files.isRegularFile(devNull));
    }

    @Test
    void refusesAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is not available here");
        assertThrows(OutputPathException.class, () -> new AtomicOutput(fifo));
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void removesWhatADeadRunLeftButNotALiveRunsFiles() throws IOException {
        Path target = dir.resolve("out.json");
        long dead = deadPid();
        Path stale = Files.writeString(dir.resolve(".out.json.segpack-" + dead + "-abc.partial"), "x");
        Path live = Files.writeString(dir.resolve(".out.json.segpack-" + ProcessHandle.current().parent().orElseThrow().pid()
                + "-abc.partial"), "y");
        Path unrelated = Files.writeString(dir.resolve(".out.json.mine"), "z");
        write(target, "new");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void aBatchRemovesWhatADeadRunLeftOfEachOfItsTargets() throws IOException {
        long dead = deadPid();
        Path staleA = Files.writeString(dir.resolve(".a.png.segpack-" + dead + "-abc.partial"), "x");
        Path staleB = Files.writeString(dir.resolve(".b.png.segpack-" + dead + "-def.partial"), "x");
        Path staleOther = Files.writeString(dir.resolve(".c.png.segpack-" + dead + "-ghi.partial"), "x");
        Path live = Files.writeString(dir.resolve(".b.png.segpack-" + ProcessHandle.current().parent().orElseThrow().pid()
                + "-abc.partial"), "y");
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch()) {
            for (String name : List.of("a.png", "b.png")) {
                try (AtomicOutput out = new AtomicOutput(dir.resolve(name), batch)) {
                    Files.writeString(out.temp(), name);
                    out.commitIn(batch);
                }
            }
            batch.commit();
        }
        assertFalse(Files.exists(staleA));
        assertFalse(Files.exists(staleB));
        assertTrue(Files.exists(staleOther), "not a target of the batch");
        assertTrue(Files.exists(live));
        assertEquals("b.png", Files.readString(dir.resolve("b.png")));
    }

    /** A pid no process has: one past the largest the kernel hands out, or a large one that is free. */
    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }

    @Test
    void bytesAreWrittenAsGiven() throws IOException {
        Path target = dir.resolve("bytes.bin");
        byte[] data = {0, 1, 2, (byte) 255};
        try (AtomicOutput out = new AtomicOutput(target)) {
            Files.write(out.temp(), data);
            out.commit();
        }
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void aStreamWritesEveryByteWhileItsFlushesRunBehind() throws IOException {
        Path file = dir.resolve("behind.bin");
        Files.write(file, new byte[3 << 20]); // longer than what is written: the stream starts it again
        byte[] data = new byte[1 << 20];
        new java.util.Random(5).nextBytes(data);
        try (OutputStream s = new WriteBehindStream(file, file, 4096)) {
            for (int at = 0; at < data.length; at += 1000) {
                s.write(data, at, Math.min(1000, data.length - at));
            }
            s.write(7);
        }
        byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 7;
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void aSecondStreamWritesTheOutputAgainFromItsStart() throws IOException {
        // coco rle writes again from the start when its streamed guess fails
        Path target = dir.resolve("again.json");
        try (AtomicOutput out = new AtomicOutput(target)) {
            try (OutputStream s = out.stream()) {
                s.write("a first, longer attempt".getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream s = out.stream()) {
                s.write("second".getBytes(StandardCharsets.UTF_8));
            }
            out.commit();
        }
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("again.json"), entries());
    }

    @Test
    void aBatchRenamesNothingBeforeItCommitsAndEverythingWhenItDoes() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old a");
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch()) {
            for (String name : List.of("a.txt", "b.txt", "sub/c.txt")) {
                try (AtomicOutput out = new AtomicOutput(dir.resolve(name))) {
                    Files.writeString(out.temp(), "new " + name);
                    out.commitIn(batch);
                }
            }
            assertEquals(3, batch.size());
            assertEquals("old a", Files.readString(dir.resolve("a.txt")));
            assertFalse(Files.exists(dir.resolve("b.txt")));
            batch.commit();
            assertEquals(0, batch.size());
        }
        assertEquals("new a.txt", Files.readString(dir.resolve("a.txt")));
        assertEquals("new sub/c.txt", Files.readString(dir.resolve("sub/c.txt")));
        assertEquals(List.of("a.txt", "b.txt", "sub"), entries());
        assertEquals(List.of(dir.resolve("sub/c.txt")), filesIn(dir.resolve("sub")));
    }

    @Test
    void aBatchCommitsWhatWasHandedOverSinceItsLastCommit() throws IOException {
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i <= round; i++) {
                    try (AtomicOutput out = new AtomicOutput(dir.resolve(round + "-" + i + ".txt"))) {
                        Files.writeString(out.temp(), "round " + round);
                        out.commitIn(batch);
                    }
                }
                assertEquals(round + 1, batch.size());
                batch.commit();
                assertEquals(0, batch.size());
            }
        }
        assertEquals(List.of("0-0.txt", "1-0.txt", "1-1.txt", "2-0.txt", "2-1.txt", "2-2.txt"), entries());
        assertEquals("round 2", Files.readString(dir.resolve("2-1.txt")));
    }

    @Test
    void aBatchClosedUncommittedLeavesTheTargetsAsTheyWere() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old a");
        try (AtomicOutput.Batch batch = new AtomicOutput.Batch()) {
            for (String name : List.of("a.txt", "b.txt")) {
                try (AtomicOutput out = new AtomicOutput(dir.resolve(name))) {
                    Files.writeString(out.temp(), "new " + name);
                    out.commitIn(batch);
                }
            }
        }
        assertEquals("old a", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("a.txt"), entries());
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}
