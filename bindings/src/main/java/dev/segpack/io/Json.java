package dev.segpack.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The one Jackson factory every format adapter reads and writes JSON with. Jackson's default
 * limits refuse strings over 20 MB, which a compressed RLE of a large mask or a whole annotation
 * file's text can exceed; segpack lifts that and bounds only number length and nesting.
 */
public final class Json {

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .maxNestingDepth(1000)
                    .build())
            .build();

    private Json() {
    }
}
