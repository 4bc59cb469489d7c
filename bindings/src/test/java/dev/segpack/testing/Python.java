package dev.segpack.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A python3 interpreter for interop tests. Debian's python3-opencv / python3-pil install for
 * /usr/bin/python3, which need not be the python3 first on PATH, so every candidate is tried:
 * $SEGPACK_PYTHON, python3, /usr/bin/python3.
 */
public final class Python {

    private static final Map<String, Optional<Python>> FOUND = new ConcurrentHashMap<>();
    private final String executable;

    private Python(String executable) {
        this.executable = executable;
    }

    /** An interpreter importing all {@code modules}, or a skipped test (with the reason printed) when there is none. */
    public static Python require(String... modules) {
        String key = String.join(",", modules);
        Optional<Python> python = FOUND.computeIfAbsent(key, k -> find(candidates(), modules));
        if (python.isEmpty()) {
            String reason = "no python3 can import " + key + " (tried " + String.join(", ", candidates())
                    + "); install the Debian packages in .ci/apt-packages";
            System.err.println("SKIPPED interop check: " + reason);
            Assumptions.abort(reason);
        }
        return python.get();
    }

    /** The interpreter {@code executable} if it imports all {@code modules}; empty otherwise (the caller says why it skips). */
    public static Optional<Python> at(String executable, String... modules) {
        return find(List.of(executable), modules);
    }

    /** Runs {@code script} with {@code args}; returns its standard output, failing on a nonzero exit. */
    public String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable, "-c", script));
        command.addAll(List.of(args));
        // stderr goes to a file so that a chatty script cannot block on a full pipe while we read stdout
        Path errors = Files.createTempFile("segpack-python", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(executable + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(executable + " exited " + process.exitValue() + ": " + Files.readString(errors));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static Optional<Python> find(List<String> candidates, String... modules) {
        String imports = "import " + String.join(", ", modules);
        for (String candidate : candidates) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(new Python(candidate));
                }
            } catch (IOException e) {
                // not installed under this name: try the next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates() {
        List<String> names = new ArrayList<>();
        String configured = System.getenv("SEGPACK_PYTHON");
        if (configured != null && !configured.isBlank()) {
            names.add(configured);
        }
        names.add("python3");
        names.add("/usr/bin/python3");
        return names;
    }
}
