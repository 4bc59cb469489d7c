package dev.segpack.spark.sql;

/**
 * A row whose RLE input describes no valid mask (malformed counts, counts that do not add up to
 * h·w, a bad size): the message names the function and the row's values. Spark fails the task with
 * it as the cause, unless the functions were registered to skip invalid rows.
 */
public final class InvalidRleException extends IllegalArgumentException {

    public InvalidRleException(String message, Throwable cause) {
        super(message, cause);
    }
}
