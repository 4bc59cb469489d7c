package dev.segpack.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.testing.Python;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link PickleWriter} writes, loaded by numpy 1.x (Debian's /usr/bin/python3) and numpy 2.x
 * (the python3 first on PATH): the same content, types and dtypes as the pickle it was read from, in
 * protocols 4 and 5. Each interpreter that is missing is skipped with its reason printed; with
 * neither the test is skipped, never passed.
 */
class PickleInteropTest {

    private static final List<String> GOLDEN = List.of("numpy1_p4.pkl", "numpy1_p5.pkl", "numpy2_p4.pkl", "numpy2_p5.pkl",
            "numpy1_compressed_p4.pkl", "numpy2_compressed_p4.pkl");

    @TempDir
    Path dir;

    @Test
    void numpy1AndNumpy2LoadTheRewrittenPicklesUnchanged() throws Exception {
        Optional<Python> numpy1 = interpreter("/usr/bin/python3", "1.");
        Optional<Python> numpy2 = interpreter("python3", "2.");
        Assumptions.assumeTrue(numpy1.isPresent() || numpy2.isPresent(), "neither numpy 1.x nor numpy 2.x python3 found");
        String script = script();
        List<String> rewritten = new ArrayList<>();
        for (String name : GOLDEN) {
            rewritten.addAll(rewrite(PickleGoldenTest.DIR.resolve(name), name));
        }
        if (numpy2.isPresent()) {
            // numpy 2 loads every original: each rewrite reads back as its original
            List<String> originals = GOLDEN.stream().map(n -> PickleGoldenTest.DIR.resolve(n).toString()).toList();
            List<String> want = canon(numpy2.get(), script, originals);
            List<String> got = canon(numpy2.get(), script, rewritten);
            for (int i = 0; i < GOLDEN.size(); i++) {
                assertEquals(want.get(i), got.get(2 * i), GOLDEN.get(i) + " rewritten with protocol 4, numpy 2");
                assertEquals(want.get(i), got.get(2 * i + 1), GOLDEN.get(i) + " rewritten with protocol 5, numpy 2");
            }
            if (numpy1.isPresent()) {
                // numpy 1.x cannot load the numpy2_* originals; it must load their rewrites as numpy 2 does
                assertEquals(got, canon(numpy1.get(), script, rewritten), "numpy 1 and numpy 2 read the rewrites alike");
            }
        } else {
            List<String> numpy1Originals = GOLDEN.stream().filter(n -> n.startsWith("numpy1"))
                    .map(n -> PickleGoldenTest.DIR.resolve(n).toString()).toList();
            List<String> want = canon(numpy1.get(), script, numpy1Originals);
            List<String> got = canon(numpy1.get(), script, rewritten);
            int k = 0;
            for (int i = 0; i < GOLDEN.size(); i++) {
                if (GOLDEN.get(i).startsWith("numpy1")) {
                    assertEquals(want.get(k), got.get(2 * i), GOLDEN.get(i) + " rewritten with protocol 4, numpy 1");
                    assertEquals(want.get(k++), got.get(2 * i + 1), GOLDEN.get(i) + " rewritten with protocol 5, numpy 1");
                }
            }
        }
        for (Optional<Python> python : List.of(numpy1, numpy2)) {
            if (python.isPresent()) {
                everyKindOfValue(python.get(), script);
            }
        }
    }

    /**
     * A pickle of every kind of value (arrays of each dtype and order, scalars, sets, odd keys, long
     * ints), written by Python with protocols 2 to 5, survives the rewrite.
     */
    private void everyKindOfValue(Python python, String script) throws Exception {
        for (int protocol = 2; protocol <= 5; protocol++) {
            Path made = dir.resolve("made_p" + protocol + ".pkl");
            python.run(script, "make", made.toString(), Integer.toString(protocol));
            List<String> rewrites = rewrite(made, made.getFileName().toString());
            List<String> lines = canon(python, script, List.of(made.toString(), rewrites.get(0), rewrites.get(1)));
            assertEquals(lines.get(0), lines.get(1), "Python's protocol " + protocol + " pickle rewritten with protocol 4");
            assertEquals(lines.get(0), lines.get(2), "Python's protocol " + protocol + " pickle rewritten with protocol 5");
        }
    }

    private List<String> rewrite(Path source, String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(source, arena);
            for (int protocol : new int[] {4, 5}) {
                Path target = dir.resolve(name + ".p" + protocol + ".pkl");
                PickleWriter.write(target, content, protocol);
                out.add(target.toString());
            }
        }
        return out;
    }

    private static List<String> canon(Python python, String script, List<String> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("canon"));
        args.addAll(files);
        List<String> lines = python.run(script, args.toArray(String[]::new)).lines().toList();
        assertEquals(files.size(), lines.size(), "one line per file");
        return lines;
    }

    /** {@code executable} if it has numpy of the given major version ("1." or "2."); else skipped with a printed reason. */
    private static Optional<Python> interpreter(String executable, String version) throws Exception {
        Optional<Python> python = Python.at(executable, "numpy");
        if (python.isPresent() && python.get().run("import numpy; print(numpy.__version__)").startsWith(version)) {
            return python;
        }
        System.err.println("SKIPPED the numpy " + version + "x half of the pickle interop check: " + executable
                + (python.isEmpty() ? " cannot import numpy" : " has another numpy"));
        return Optional.empty();
    }

    private static String script() throws IOException {
        try (InputStream in = PickleInteropTest.class.getResourceAsStream("pickle_canon.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
