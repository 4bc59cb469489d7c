package dev.segpack.engine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * One parameterized test case per row of a gzip'd JSON Lines file below testdata/ ({@link
 * Testdata#jsonLines}), as the arguments (name, row): the name is the file's name and the row's
 * line, e.g. {@code encode.jsonl.gz:3}, for {@code @ParameterizedTest(name = "{0}")} and messages.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(JsonLinesProvider.class)
public @interface JsonLinesSource {

    /** The file, relative to testdata/. */
    String value();
}
