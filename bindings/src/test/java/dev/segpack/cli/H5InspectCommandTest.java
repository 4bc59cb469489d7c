package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code h5 inspect}: what it prints says what it means, and a file it cannot read is one line naming it. */
class H5InspectCommandTest {

    private static final Path RECIPE_FILE = Testdata.path("h5/pose_h5py.h5");

    @TempDir
    Path tmp;

    @Test
    void listsImagesWithTheirPoseValueLayout() {
        CliRun r = CliRun.of("h5", "inspect", "--in", RECIPE_FILE.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("139\t2 instances\tuint8 pose value (index bits 0-5)",
                "285\t0 instances\tuint8 pose value (index bits 0-5)",
                "632\t1 instance\tuint8 pose value (index bits 0-5)",
                "h5 inspect: 3 images, 3 instances: " + RECIPE_FILE), r.out().lines().toList());
    }

    @Test
    void oneImageSaysWhichSizeIsTheWidth() {
        CliRun r = CliRun.of("h5", "inspect", "--in", RECIPE_FILE.toString(), "--id", "632");
        assertEquals(0, r.code(), r.err());
        assertEquals("image 632: 3x6 (width x height), uint8 pose value (index bits 0-5, crowd bit 6, unannotated bit 7),"
                + " 1 instance, crowd 5 px, unannotated 11 px", r.out().strip());
    }

    @Test
    void aFileThatIsNotHdf5IsNamedInOneLine() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.h5"), "not hdf5 at all, just some text\n");
        CliRun r = CliRun.of("h5", "inspect", "--in", text.toString());
        assertEquals(1, r.code());
        assertEquals("segpack h5 inspect: error: " + text + ": not a segpack/recipe pose HDF5 file:"
                + " No valid HDF5 signature found", r.oneErrLine());
    }

    /** Cut and damaged copies of a valid file: each is refused in one line naming it, in segpack's words. */
    @Test
    void truncatedAndDamagedFilesAreOneLineWithoutLibraryNames() throws IOException {
        byte[] valid = Files.readAllBytes(RECIPE_FILE);
        Path file = tmp.resolve("damaged.h5");
        for (int i = 0; i < 60; i++) {
            byte[] bytes;
            if (i < 30) {
                bytes = Arrays.copyOf(valid, valid.length * i / 30);
            } else {
                bytes = valid.clone();
                // damage the object headers and the B-tree after the superblock, one spread of bytes each time
                for (int k = 0; k < 4; k++) {
                    bytes[(96 + 977 * (i - 30) + 131 * k) % valid.length] ^= (byte) (0x5A + k);
                }
            }
            Files.write(file, bytes);
            for (String[] args : new String[][] {{"h5", "inspect", "--in", file.toString()},
                    {"h5", "inspect", "--in", file.toString(), "--id", "139"}}) {
                CliRun r = CliRun.of(args);
                if (r.code() == 0) {
                    continue; // damage where nothing looks: the file still reads
                }
                assertEquals(1, r.code(), "case " + i + ": " + r.err());
                String line = r.oneErrLine();
                assertTrue(line.startsWith("segpack h5 inspect: error: " + file + ": "), "case " + i + ": " + line);
                assertFalse(line.contains("jhdf") || line.contains("Exception") || line.contains("java."),
                        "case " + i + ": " + line);
            }
        }
    }
}
