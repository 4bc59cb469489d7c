package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.JpegDecoder;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library's warning reaches the user as one {@code segpack: warning:} line, through the one logger
 * setup (it used to be java.util.logging's two lines with a timestamp).
 */
class LibraryWarningTest {

    @TempDir
    Path tmp;

    /** A truncated JPEG is decoded as OpenCV decodes it (the missing rows grey) and said so in one line. */
    @Test
    void aTruncatedJpegIsOneWarningLine() throws IOException {
        assumeTrue(JpegDecoder.turboJpegUnavailableReason().isEmpty(), "the warning is libjpeg-turbo's");
        byte[] jpeg = Files.readAllBytes(Testdata.path("coco-mini/val2017/000000117645.jpg"));
        Path masks = Files.createDirectory(tmp.resolve("masks"));
        Path cut = Files.write(masks.resolve("a_car_0.jpg"), Arrays.copyOf(jpeg, jpeg.length * 6 / 10));
        CliRun r = CliRun.of("masks", "to-coco", "--masks", masks.toString(), "--out", tmp.resolve("o.json").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("segpack: warning: libjpeg-turbo warning for " + cut + ": Premature end of JPEG file", r.oneErrLine());
    }
}
