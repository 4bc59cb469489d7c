package dev.segpack.coco;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Input that {@link JsonScanner} cannot read: invalid JSON, or a value its reader cannot hold. Carries
 * the byte offset in the input and, once a table reader has seen it, the item it was in, so the
 * message given to the user can name the file, the line and column, and the item.
 */
public final class JsonInputException extends RuntimeException {

    /** Whether the input is not JSON at all (rather than JSON holding a value that does not fit). */
    final boolean invalidJson;
    /** Byte offset in the input where the problem was found. */
    final long offset;
    private String item;

    JsonInputException(boolean invalidJson, long offset, String detail) {
        super(detail, null, false, false);
        this.invalidJson = invalidJson;
        this.offset = offset;
    }

    /** Records the innermost item (e.g. "annotation #12 (id 345)") the problem was found in. */
    JsonInputException within(String item) {
        if (this.item == null) {
            this.item = item;
        }
        return this;
    }

    String item() {
        return item;
    }

    /**
     * The user-facing message: file, line and column (counted by reading {@code file} up to the offset,
     * only now that an error is being reported), byte offset, item and what was wrong.
     */
    CocoFormatException toCocoFormatException(Path path, FileChannel file) {
        return new CocoFormatException(path + ": " + (invalidJson ? "not valid JSON" : "value out of range")
                + " at " + lineAndColumn(file, offset) + " (byte offset " + offset + ")"
                + (item != null ? ", in " + item : "") + ": " + getMessage(), this);
    }

    /** "line L, column C" of byte {@code offset}, both counted from 1, columns in bytes. */
    static String lineAndColumn(FileChannel file, long offset) {
        long line = 1, lineStart = 0;
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        try {
            for (long at = 0; at < offset; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), offset - at));
                int n = file.read(buf, at);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        line++;
                        lineStart = at + i + 1;
                    }
                }
                at += n;
            }
        } catch (IOException e) {
            return "an unknown line (" + e.getMessage() + ")";
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }
}
