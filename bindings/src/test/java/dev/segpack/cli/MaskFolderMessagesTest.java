package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code masks to-coco}: entries of the masks folder that cannot be read as the layout says are errors
 * naming them (they used to be passed over, ending in "0 images" and exit 0).
 */
class MaskFolderMessagesTest {

    private static final Path MASK = Testdata.path("maskimg/flat/b_car_0.png");

    @TempDir
    Path tmp;

    @Test
    void aDanglingSymbolicLinkIsNamed() throws IOException {
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Files.copy(MASK, masks.resolve("b_car_0.png"));
        Path link = Files.createSymbolicLink(masks.resolve("a_car_0.png"), Path.of("nowhere.png"));
        assertRefused(masks, link + ": symbolic link to nowhere.png, which does not exist");
    }

    @Test
    void aLoopOfSymbolicLinksIsNamed() throws IOException {
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Path link = Files.createSymbolicLink(masks.resolve("a_car_0.png"), Path.of("b_car_0.png"));
        Files.createSymbolicLink(masks.resolve("b_car_0.png"), Path.of("a_car_0.png"));
        assertRefused(masks, link + ": symbolic link to b_car_0.png, which leads into a loop of symbolic links");
    }

    @Test
    void aFolderInsideACategoryFolderIsNamed() throws IOException {
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Path car = Files.createDirectories(masks.resolve("car/more"));
        Files.copy(MASK, masks.resolve("car/b_0.png"));
        Files.copy(MASK, car.resolve("c_0.png"));
        assertRefused(masks, car + ": a folder inside the category folder 'car'; its mask files must be directly in it ("
                + masks + "/<category>/<image_stem>_<k>.png)");
    }

    @Test
    void aFolderUnderAFlatLayoutIsNamed() throws IOException {
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Files.copy(MASK, masks.resolve("b_car_0.png"));
        Path sub = Files.createDirectory(masks.resolve("sub"));
        Files.copy(MASK, sub.resolve("c_car_0.png"));
        assertRefused(masks, sub + ": a folder, but --layout flat reads only the mask files directly in " + masks
                + " (a folder per category is --layout folders)", "--layout", "flat");
    }

    private void assertRefused(Path masks, String message, String... more) {
        Path out = tmp.resolve("out.json");
        String[] args = {"masks", "to-coco", "--masks", masks.toString(), "--out", out.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliRun r = CliRun.of(all);
        assertEquals(1, r.code(), r.err());
        assertEquals("segpack masks to-coco: error: " + message, r.oneErrLine());
        assertFalse(Files.exists(out));
    }
}
