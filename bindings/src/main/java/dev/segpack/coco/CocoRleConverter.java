package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.JsonText;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.io.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * {@code segpack coco rle}: rewrites a COCO file with every annotation's segmentation as compressed
 * RLE, exactly as COCO.annToRLE gives it. The file is read once, into a {@link CocoIndex}; the top
 * level is written as json.load would hold it (each member once, where it first appears, with its
 * last value), every value but the annotations carried over as it was. Annotations are read back by
 * their byte ranges in runs, parsed and converted by the ordered pipeline's workers (or a cluster's
 * executors: {@link RunExecutor}) and written in their original order, so memory stays bounded
 * whatever the file's size. The workers start on the runs already indexed while the rest of the file
 * is indexed ({@link BackgroundIndex}).
 */
public final class CocoRleConverter extends Job<CocoRleConverter.Options> {

    /**
     * How a run behaves: recompute area/bbox from the mask; skip bad annotations instead of failing;
     * how many threads work at once (the one indexing the file among them, while it does).
     */
    public record Options(boolean recompute, boolean skipInvalid, int threads) {
    }

    /** What a run did. */
    public record Summary(long annotations, long polygons, long uncompressed, long compressed, long crowd,
            long invalid, double seconds) {

        /** The run in words, as {@code coco rle} and its Spark job print it. */
        public String line(Path out) {
            return Plural.of(annotations, "annotation") + " (" + Plural.of(polygons, "polygon") + ", " + uncompressed
                    + " uncompressed RLE, " + compressed + " compressed RLE), " + crowd + " crowd, " + invalid + " invalid, "
                    + Seconds.of(seconds) + " -> " + out;
        }
    }

    /** Annotations per piece of work: one read of their bytes, one hand-over to a worker. */
    public static final int BATCH = 1024;
    private static final ThreadLocal<byte[]> RUN_BYTES = ThreadLocal.withInitial(() -> new byte[0]);

    /** Where the runs are converted; null: on this process's workers, while the file is indexed. */
    private final RunExecutor executor;

    public CocoRleConverter(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
        this.executor = null;
    }

    /** A converter whose runs are converted by {@code executor} (options.threads() is then unused). */
    public CocoRleConverter(Options options, Progress progress, Consumer<String> warnings, RunExecutor executor) {
        super(options, progress, warnings);
        this.executor = executor;
    }

    public Summary convert(Path in, Path out) throws IOException {
        long start = System.nanoTime();
        Counts counts;
        try (AtomicOutput target = new AtomicOutput(out)) {
            if (executor != null) {
                counts = new Counts();
                try (CocoIndex index = options.skipInvalid()
                        ? CocoIndex.loadKeepingInvalidAnnotations(in, CocoIndex.Required.COCO_API) : CocoIndex.load(in)) {
                    writeIndexed(index, target, counts, executor);
                }
            } else {
                Semaphore permits = new Semaphore(threads());
                try (BackgroundIndex loading = BackgroundIndex.start(in, options.skipInvalid(), BATCH, permits)) {
                    counts = writeStreamed(loading, target);
                    if (counts == null) {
                        counts = new Counts();
                        writeIndexed(loading.index(), target, counts, (index, recompute, written) ->
                                convertRuns(AnnotationRun.runs(index, BATCH), index, loading, written));
                    }
                }
            }
            target.commit();
        }
        return new Summary(counts.annotations, counts.polygons, counts.uncompressed, counts.compressed,
                counts.crowd, counts.invalid, secondsSince(start));
    }

    private int threads() {
        return Math.max(1, options.threads());
    }

    /** Writes the file converted, its top level as json.load holds it, from its loaded index. */
    private void writeIndexed(CocoIndex index, AtomicOutput target, Counts counts, RunExecutor runs) throws IOException {
        try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16)) {
            os.write('{');
            boolean first = true;
            for (CocoIndex.Member m : asJsonLoadHolds(index.members())) {
                writeName(m.name(), first, os);
                first = false;
                if (m.name().equals("annotations")) {
                    AnnotationList list = new AnnotationList(index, os, counts, null);
                    os.write('[');
                    runs.execute(index, options.recompute(), list::write);
                    os.write(']');
                } else {
                    writeValue(index, m, os);
                }
            }
            os.write('}');
        }
    }

    /**
     * Writes the file converted while it is being indexed (see {@link BackgroundIndex}): the members
     * before the annotations, the annotations run by run as they are indexed and converted, then the
     * members after them. Returns what was written, or null when the file cannot be written so (its
     * shape is not the one guessed): then nothing of what was written is to be kept.
     */
    private Counts writeStreamed(BackgroundIndex loading, AtomicOutput target) throws IOException {
        BackgroundIndex.Prefix prefix = loading.prefix();
        if (prefix == null) {
            return null;
        }
        try {
            return writeStreamed(prefix, loading, target);
        } catch (IOException | RuntimeException e) {
            loading.index(); // the load's own failure (which closed the file being read here) comes first
            throw e;
        }
    }

    private Counts writeStreamed(BackgroundIndex.Prefix prefix, BackgroundIndex loading, AtomicOutput target)
            throws IOException {
        CocoIndex index = prefix.index(); // being loaded: only its file is read here, and it is read-only
        Counts counts = new Counts();
        try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16)) {
            os.write('{');
            for (CocoIndex.Member m : prefix.members()) {
                writeName(m.name(), m == prefix.members().getFirst(), os);
                writeValue(index, m, os);
            }
            writeName("annotations", prefix.members().isEmpty(), os);
            os.write('[');
            AnnotationList list = new AnnotationList(index, os, counts, loading);
            if (!convertRuns(loading.runs(), index, loading, list::write) || !loading.streamed()) {
                return null;
            }
            list.flushWarnings();
            os.write(']');
            CocoIndex loaded = loading.index();
            List<CocoIndex.Member> members = loaded.members();
            int annotations = prefix.members().size();
            for (CocoIndex.Member m : asJsonLoadHolds(members.subList(annotations + 1, members.size()))) {
                writeName(m.name(), false, os);
                writeValue(loaded, m, os);
            }
            os.write('}');
        }
        return counts;
    }

    /**
     * Converts {@code runs} of {@code index}'s file on this process's workers, each holding one of
     * {@code loading}'s permits, and hands them to {@code written} in order while it takes them.
     */
    private boolean convertRuns(Iterator<AnnotationRun> runs, CocoIndex index, BackgroundIndex loading, RunConsumer written)
            throws IOException {
        boolean recompute = options.recompute();
        try (OrderedPipeline<AnnotationRun, Converted> pipeline = OrderedPipeline.of(runs, loading.converting(
                run -> new Converted(run, RunConversion.convert(run, runBytes(index, run), recompute))), threads())) {
            while (pipeline.hasNext()) {
                Converted c = pipeline.take();
                if (!written.accept(c.run(), c.converted())) {
                    pipeline.drain(); // the index's file is read again
                    return false;
                }
            }
        }
        return true;
    }

    private record Converted(AnnotationRun run, RunConversion.ConvertedRun converted) {
    }

    /**
     * The bytes of {@code run} at the start of this thread's buffer, with room after them that
     * {@link RunConversion#convert} scans them in place with: read into the same memory run after run (a buffer
     * of more than {@link RunConversion#KEPT_BYTES} is the run's own).
     */
    private static byte[] runBytes(CocoIndex index, AnnotationRun run) {
        int length = Math.toIntExact(run.end() - run.start());
        byte[] bytes = RUN_BYTES.get();
        if (bytes.length < length + JsonInput.SLACK) {
            bytes = new byte[length + length / 4 + JsonInput.SLACK];
            if (bytes.length <= RunConversion.KEPT_BYTES) {
                RUN_BYTES.set(bytes);
            }
        }
        index.read(run.start(), run.end(), bytes);
        return bytes;
    }

    /** Each name once, where it first appears, with its last value: the members as json.load holds them. */
    private static Collection<CocoIndex.Member> asJsonLoadHolds(List<CocoIndex.Member> members) {
        Map<String, CocoIndex.Member> byName = new LinkedHashMap<>();
        for (CocoIndex.Member m : members) {
            byName.put(m.name(), m);
        }
        return byName.values();
    }

    private static void writeName(String name, boolean first, OutputStream os) throws IOException {
        if (!first) {
            os.write(',');
        }
        os.write(JsonText.render(gen -> gen.writeString(name)));
        os.write(':');
    }

    /** A member's value but the annotations', as it was. */
    private static void writeValue(CocoIndex index, CocoIndex.Member m, OutputStream os) throws IOException {
        if (isContainer(index.bytes(m.start(), m.start() + 1)[0])) {
            index.copy(m.start(), m.end(), os);
        } else {
            os.write(copyScalar(index.bytes(m.start(), m.end())));
        }
    }

    private static boolean isContainer(byte first) {
        return first == '{' || first == '[';
    }

    /** A top-level scalar value as the rewriter writes unchanged values. */
    private static byte[] copyScalar(byte[] scalar) throws IOException {
        JacksonException refusal = RunConversion.mayExceedJacksonLimits(scalar, 0, scalar.length)
                ? RunConversion.jacksonRefusal(scalar, 0, scalar.length) : null;
        if (refusal != null) {
            // Jackson copied these values, and failed so on a number over its length limit
            throw new UncheckedIOException(refusal);
        }
        JsonOutput out = new JsonOutput(scalar.length + 2);
        AnnotationFields.copyScalar(scalar, out);
        return out.toByteArray();
    }

    /**
     * Where the runs of annotations are converted: by default on this process's workers, each
     * reading its run's bytes from the index; a Spark driver hands them to its executors.
     */
    @FunctionalInterface
    public interface RunExecutor {
        /**
         * Converts the index's annotations, split into runs ({@link AnnotationRun#runs}), as
         * {@link RunConversion#convert(AnnotationRun, byte[], boolean)} does, and hands each with its
         * result to {@code written} in run order, until it returns false.
         */
        void execute(CocoIndex index, boolean recompute, RunConsumer written) throws IOException;
    }

    /** Takes the converted runs, in order; false: no more. */
    @FunctionalInterface
    public interface RunConsumer {
        boolean accept(AnnotationRun run, RunConversion.ConvertedRun converted) throws IOException;
    }

    /**
     * The annotations list being written from converted runs, which come in file order: reports or
     * skips the annotations that did not convert, counts the others. While the file is still being
     * indexed ({@code loading} not null), a failure is reported only once the load has ended well and
     * the runs are known to be the file's (the load's own failure, which json.load would meet first,
     * comes first), and the annotations skipped are said then.
     */
    private final class AnnotationList {
        private final CocoIndex index;
        private final OutputStream os;
        private final Counts counts;
        private final BackgroundIndex loading;
        private final long fileSize;
        private List<String> heldWarnings;
        private boolean empty = true;

        AnnotationList(CocoIndex index, OutputStream os, Counts counts, BackgroundIndex loading) throws IOException {
            this.index = index;
            this.os = os;
            this.counts = counts;
            this.loading = loading;
            this.fileSize = Files.size(index.path());
            this.heldWarnings = loading == null ? null : new ArrayList<>();
        }

        /** Writes the run; false when the runs turn out not to be the file's, and nothing more is to be written. */
        boolean write(AnnotationRun run, RunConversion.ConvertedRun c) throws IOException {
            if (heldWarnings != null && loading.isLoaded()) {
                if (!loading.streamed()) {
                    return false;
                }
                flushWarnings();
            }
            if (c.invalidJson() >= 0) {
                return fail(RunConversion.invalidJson(index, run, c.invalidJson()));
            }
            // a loop of little but calls (write is called once a run: its loop runs interpreted until compiled on-stack)
            RunConversion.Kind[] kinds = c.kinds();
            boolean[] crowd = run.crowd();
            for (int k = 0; k < kinds.length; k++) {
                if (kinds[k] != null) {
                    counts.add(kinds[k], crowd[k]);
                } else if (!skipped(run, c, k)) {
                    return false;
                }
            }
            // the run's annotations, rendered as a list: its elements and their commas
            if (c.list().length > 2) {
                if (!empty) {
                    os.write(',');
                }
                empty = false;
                os.write(c.list(), 1, c.list().length - 2);
            }
            progress.update(run.end(), fileSize, "bytes");
            return true;
        }

        /** Annotation k of the run did not convert: counts and reports it skipped, or fails (false: nothing more is written). */
        private boolean skipped(AnnotationRun run, RunConversion.ConvertedRun c, int k) throws IOException {
            String message = index.path() + ": annotation " + CocoIndex.describe(run.ids()[k], run.from() + k)
                    + ": " + c.errors()[k];
            if (!options.skipInvalid()) {
                return fail(new CocoFormatException(message));
            }
            counts.invalid++;
            warn("skipped " + message);
            return true;
        }

        private boolean fail(CocoFormatException error) throws IOException {
            if (loading != null && !loading.streamed()) {
                return false;
            }
            throw error;
        }

        private void warn(String warning) {
            if (heldWarnings != null) {
                heldWarnings.add(warning);
            } else {
                warnings.accept(warning);
            }
        }

        /** Says the warnings held while the load was under way. */
        void flushWarnings() {
            if (heldWarnings != null) {
                heldWarnings.forEach(warnings);
                heldWarnings = null;
            }
        }
    }

    private static final class Counts {
        long annotations, polygons, uncompressed, compressed, crowd, invalid;

        void add(RunConversion.Kind kind, boolean isCrowd) {
            annotations++;
            crowd += isCrowd ? 1 : 0;
            switch (kind) {
                case POLYGONS -> polygons++;
                case UNCOMPRESSED -> uncompressed++;
                case COMPRESSED -> compressed++;
            }
        }
    }
}
