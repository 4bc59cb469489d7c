package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The one-time choice between the scalar and the Vector API kernels. */
class KernelsTest {

    @Test
    void propertyFalseChoosesScalarAndSaysWhy() {
        Kernels.Selection s = Kernels.select("false");
        assertEquals("scalar", s.kernels().name());
        assertTrue(s.fallbackReason().contains("segpack.simd=false"), s.fallbackReason());
    }

    @Test
    void unknownPropertyValueChoosesScalarAndSaysWhy() {
        Kernels.Selection s = Kernels.select("fast");
        assertEquals("scalar", s.kernels().name());
        assertTrue(s.fallbackReason().contains("neither true nor false"), s.fallbackReason());
    }

    @Test
    void vectorKernelsWhenTheModuleIsThere() {
        // the build starts test JVMs with --add-modules jdk.incubator.vector
        Assumptions.assumeTrue(VectorMaskKernels.preferredBitSize() >= 128, "this CPU has no 128-bit vectors");
        Kernels.Selection s = Kernels.select(null);
        assertNull(s.fallbackReason());
        assertEquals("vector", s.kernels().name());
        assertEquals("vector", Kernels.name());
    }

    @Test
    void aJvmWithoutTheIncubatorModuleRunsScalarKernels() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = String.join(File.pathSeparator, location(Kernels.class), location(KernelsProbe.class));
        Process p = new ProcessBuilder(java, "-cp", classpath, KernelsProbe.class.getName()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of("scalar", "0,2,1,1"), out.lines().toList(), err);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), "the log says why: " + err);
        assertEquals(1, err.lines().filter(l -> l.contains("segpack uses")).count(), "exactly one message: " + err);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
