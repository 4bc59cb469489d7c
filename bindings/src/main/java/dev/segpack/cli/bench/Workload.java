package dev.segpack.cli.bench;

/** One timed unit of a benchmark: a round does {@link #ops()} operations of the workload. */
interface Workload extends AutoCloseable {

    /** Operations one {@link #round()} performs (masks encoded, matrices computed, ...). */
    int ops();

    /** Does every operation once; returns something derived from the results so none is optimised away. */
    long round();

    @Override
    default void close() {
    }
}
