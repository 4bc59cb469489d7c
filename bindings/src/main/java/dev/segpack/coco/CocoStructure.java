package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;

/** Checks of the top-level shape shared by every COCO reader. */
final class CocoStructure {

    private CocoStructure() {
    }

    static void expectTopObject(JsonParser p, Path path) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new CocoFormatException(path + ": not a COCO file (the top level is not a JSON object)");
        }
    }

    /** Skips the rest of a value that failed half-way, back to the depth of its enclosing object. */
    static void skipToDepth(JsonParser p, int enclosingDepth) throws IOException {
        while (p.getParsingContext().getNestingDepth() > enclosingDepth) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }
}
