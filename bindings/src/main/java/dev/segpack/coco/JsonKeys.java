package dev.segpack.coco;

import java.nio.charset.StandardCharsets;

/** The member names a reader looks for in an object; {@link JsonScanner#key} gives their position. */
final class JsonKeys {

    private final String[] names;
    private final byte[][] utf8;

    JsonKeys(String... names) {
        this.names = names.clone();
        this.utf8 = new byte[names.length][];
        for (int k = 0; k < names.length; k++) {
            utf8[k] = names[k].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Position of the name whose UTF-8 bytes are {@code b[start, end)}, or −1. */
    int match(byte[] b, int start, int end) {
        int length = end - start;
        next:
        for (int k = 0; k < utf8.length; k++) {
            byte[] name = utf8[k];
            if (name.length != length) {
                continue;
            }
            // names are a few bytes long: a plain loop beats the vectorised Arrays.equals here
            for (int i = 0; i < length; i++) {
                if (name[i] != b[start + i]) {
                    continue next;
                }
            }
            return k;
        }
        return -1;
    }

    /** Position of {@code name} (a key that was written with escapes, decoded), or −1. */
    int match(String name) {
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }
}
