package dev.segpack.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one Jackson factory every format adapter reads and writes JSON with. Jackson's default
 * limits refuse strings over 20 MB, which a compressed RLE of a large mask or a whole annotation
 * file's text can exceed; segpack lifts that and bounds only number length and nesting. Doubles are
 * read by FastDoubleParser (correctly rounded, as Double.parseDouble, several times faster on the
 * 17-digit coordinates COCO files are full of).
 */
public final class Json {

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .maxNestingDepth(1000)
                    .build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private Json() {
    }
}
