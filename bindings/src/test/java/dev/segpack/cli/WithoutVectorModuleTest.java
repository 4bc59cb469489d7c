package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a JVM started with no flags at all, so without {@code --add-modules
 * jdk.incubator.vector}: it runs the scalar kernels and writes the same bytes as this JVM (which has
 * the module, so the Vector API kernels), for each command that writes a file.
 */
class WithoutVectorModuleTest {

    @TempDir
    Path dir;

    @Test
    void masksToCoco() throws IOException, InterruptedException {
        String log = sameOutputWithoutTheModule("masks", "to-coco", "--masks", Testdata.path("maskimg/flat").toString(),
                "--images", Testdata.path("maskimg/images").toString(), "--out");
        assertTrue(log.contains("segpack uses the scalar kernels"), "the contours ran on the scalar kernels: " + log);
    }

    @Test
    void cocoRle() throws IOException, InterruptedException {
        sameOutputWithoutTheModule("coco", "rle", "--ann",
                Testdata.path("coco-mini/annotations/instances_val2017.json").toString(), "--recompute", "--out");
    }

    @Test
    void cocoPackH5() throws IOException, InterruptedException {
        sameOutputWithoutTheModule("coco", "pack-h5", "--ann",
                Testdata.path("coco-mini/annotations/person_keypoints_val2017.json").toString(), "--images",
                Testdata.path("coco-mini/val2017").toString(), "--out");
    }

    @Test
    void panopticToDetection() throws IOException, InterruptedException {
        sameOutputWithoutTheModule("panoptic", "to-detection", "--json",
                Testdata.path("panoptic/panoptic_examples.json").toString(), "--pngs",
                Testdata.path("panoptic/panoptic_examples").toString(), "--out");
    }

    /**
     * Runs {@code command} followed by an output file here and in a child JVM; both files must be
     * equal. Returns the child's standard error.
     */
    private String sameOutputWithoutTheModule(String... command) throws IOException, InterruptedException {
        Path here = dir.resolve("here.json");
        Path there = dir.resolve("there.json");
        assertEquals(0, Main.run(withOutput(command, here).toArray(String[]::new)), "in this JVM");

        List<String> child = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        child.addAll(withOutput(command, there));
        Process p = new ProcessBuilder(child).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), err);
        assertArrayEquals(Files.readAllBytes(here), Files.readAllBytes(there), String.join(" ", command));
        return err;
    }

    private static List<String> withOutput(String[] command, Path out) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add(out.toString());
        return args;
    }
}
