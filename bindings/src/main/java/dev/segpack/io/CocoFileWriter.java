package dev.segpack.io;

import dev.segpack.io.AtomicOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One COCO JSON file written as items arrive, in constant memory: {@code {<header fields>,
 * "images":[…],"annotations":[…]}}, one image or annotation per line. Images go straight into the
 * output (a temp file beside the target); annotations go to a spill file beside it, appended after
 * the images on {@link #commit()}, which then renames the output over the target. Closing without
 * committing deletes both.
 *
 * <p>Annotation ids: an annotation written with id 0 has none yet; on commit those are numbered
 * after the largest id written (from 1 when no annotation had one), in output order.
 */
public final class CocoFileWriter implements AutoCloseable {

    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] SEPARATOR = {',', '\n'};
    private static final byte[] UNNUMBERED = "{\"id\":0,".getBytes(StandardCharsets.US_ASCII);

    private final AtomicOutput output;
    private final OutputStream out;
    private final Path spillPath;
    private final OutputStream spill;
    private long images;
    private long annotations;
    private long maxId;
    private boolean finished;

    /**
     * Starts {@code target} with {@code headerFields}, the top-level fields before "images" as they
     * appear inside an object ({@code "info":{…},"categories":[…]}), or empty.
     */
    public CocoFileWriter(Path target, byte[] headerFields) throws IOException {
        output = new AtomicOutput(target);
        Path spillFile = null;
        OutputStream main = null;
        try {
            main = new BufferedOutputStream(output.stream(), 1 << 16);
            spillFile = output.scratch("annotations");
            spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16);
        } catch (IOException | RuntimeException e) {
            if (main != null) {
                main.close();
            }
            if (spillFile != null) {
                ScratchFiles.delete(spillFile);
            }
            output.close();
            throw e;
        }
        out = main;
        spillPath = spillFile;
        out.write('{');
        if (headerFields.length > 0) {
            out.write(headerFields);
            out.write(',');
        }
        out.write("\"images\":[".getBytes(StandardCharsets.US_ASCII));
    }

    public Path target() {
        return output.target();
    }

    /** Appends an image object. */
    public void image(byte[] object) throws IOException {
        out.write(images++ == 0 ? NEWLINE : SEPARATOR);
        out.write(object);
    }

    /**
     * Appends an annotation {@code {"id":id,<fields>}}; {@code fields} as {@link JsonText#renderFields}
     * gives them. Id 0 means "number it on commit".
     */
    public void annotation(long id, byte[] fields) throws IOException {
        if (id < 0) {
            throw new IllegalArgumentException("negative annotation id " + id);
        }
        if (fields.length == 0) {
            throw new IllegalArgumentException("an annotation needs fields besides its id");
        }
        maxId = Math.max(maxId, id);
        spill.write(("{\"id\":" + id + ",").getBytes(StandardCharsets.US_ASCII));
        spill.write(fields);
        spill.write('}');
        spill.write('\n');
        annotations++;
    }

    /** Appends an annotation object as it is (one without an id, as a panoptic image entry). */
    public void rawAnnotation(byte[] object) throws IOException {
        spill.write(object);
        spill.write('\n');
        annotations++;
    }

    public long images() {
        return images;
    }

    public long annotations() {
        return annotations;
    }

    /** Closes the arrays and the object, numbers the annotations without an id, and renames into place. */
    public void commit() throws IOException {
        spill.close();
        out.write(images == 0 ? new byte[] {']'} : new byte[] {'\n', ']'});
        out.write(",\"annotations\":[".getBytes(StandardCharsets.US_ASCII));
        long nextId = maxId + 1;
        try (SpillLines lines = new SpillLines(Files.newInputStream(spillPath))) {
            long written = 0;
            for (int length = lines.next(); length >= 0; length = lines.next()) {
                byte[] line = lines.buffer();
                int at = lines.offset();
                out.write(written++ == 0 ? NEWLINE : SEPARATOR);
                if (startsWith(line, at, length, UNNUMBERED)) {
                    out.write(("{\"id\":" + nextId++ + ",").getBytes(StandardCharsets.US_ASCII));
                    out.write(line, at + UNNUMBERED.length, length - UNNUMBERED.length);
                } else {
                    out.write(line, at, length);
                }
            }
            out.write(written == 0 ? new byte[] {']'} : new byte[] {'\n', ']'});
        }
        out.write('}');
        out.write('\n');
        out.close();
        output.commit();
        finished = true;
        ScratchFiles.delete(spillPath);
    }

    /** The spill file's lines, one annotation each, read in blocks into one reused buffer. */
    private static final class SpillLines implements AutoCloseable {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        /** Bytes [start, end) of {@link #buffer} are read but not yet handed out. */
        private int start;
        private int end;
        private int lineStart;

        SpillLines(InputStream in) {
            this.in = in;
        }

        /**
         * The next line (without its '\n') starts at {@link #offset()} in {@link #buffer()}; returns its
         * length, −1 at the end.
         */
        int next() throws IOException {
            int scan = start;
            while (true) {
                for (; scan < end; scan++) {
                    if (buffer[scan] == '\n') {
                        lineStart = start;
                        start = scan + 1;
                        return scan - lineStart;
                    }
                }
                if (start > 0) { // move the partial line to the front
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    scan -= start;
                    end -= start;
                    start = 0;
                }
                if (end == buffer.length) {
                    buffer = Arrays.copyOf(buffer, 2 * buffer.length);
                }
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    if (end > start) { // a last line without '\n'
                        lineStart = start;
                        start = end;
                        return end - lineStart;
                    }
                    return -1;
                }
                end += n;
            }
        }

        byte[] buffer() {
            return buffer;
        }

        int offset() {
            return lineStart;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static boolean startsWith(byte[] line, int at, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** Deletes the output and spill unless committed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                spill.close();
                out.close();
            } finally {
                ScratchFiles.delete(spillPath);
                output.close();
            }
        }
    }
}
