package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** numpy's float32 exp on recorded inputs (exp_f32.bin.gz): random, rounding ties, around the bounds. */
class Float32ExpTest {

    @Test
    void sameBitsAsNumpy() throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Testdata.path("skeleton/exp_f32.bin.gz")))) {
            bytes = in.readAllBytes();
        }
        FloatBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int n = all.limit() / 2;
        int different = 0;
        int correctlyRoundedDiffers = 0;
        for (int i = 0; i < n; i++) {
            float x = all.get(i);
            float numpy = all.get(n + i);
            if (Float.floatToRawIntBits(Float32Exp.exp(x)) != Float.floatToRawIntBits(numpy)) {
                different++;
            }
            if ((float) Math.exp(x) != numpy) {
                correctlyRoundedDiffers++;
            }
        }
        assertEquals(16384, n);
        assertEquals(0, different, different + " of " + n + " differ from numpy");
        // the reason for the port: numpy's exp is not the correctly rounded one
        assertTrue(correctlyRoundedDiffers > n / 10, "only " + correctlyRoundedDiffers + " differ from Math.exp");
    }
}
