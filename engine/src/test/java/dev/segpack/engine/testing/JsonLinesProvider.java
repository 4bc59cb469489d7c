package dev.segpack.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;

/** The rows behind {@link JsonLinesSource}. */
final class JsonLinesProvider extends AnnotationBasedArgumentsProvider<JsonLinesSource> {

    @Override
    protected Stream<? extends Arguments> provideArguments(ExtensionContext context, JsonLinesSource source) {
        List<JsonNode> rows = Testdata.jsonLines(source.value());
        String file = Path.of(source.value()).getFileName().toString();
        return IntStream.range(0, rows.size()).mapToObj(i -> Arguments.of(file + ":" + (i + 1), rows.get(i)));
    }
}
