package dev.segpack.engine.testing;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The zlib+base64 arrays of the golden files ({@code *_zlib_b64} fields), as raw bytes. */
public final class GoldenBlobs {

    private GoldenBlobs() {
    }

    public static byte[] zlibBase64(String text) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated zlib stream");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt zlib stream", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
