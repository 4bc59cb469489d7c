package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.Json;
import dev.segpack.io.JsonText;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.io.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
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
import java.util.stream.IntStream;

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
    /** Each thread's buffers for a run's bytes and its output, kept while no larger than this. */
    private static final int KEPT_BYTES = 1 << 23;
    private static final ThreadLocal<byte[]> RUN_BYTES = ThreadLocal.withInitial(() -> new byte[0]);
    private static final ThreadLocal<JsonOutput> RUN_OUTPUT = ThreadLocal.withInitial(() -> new JsonOutput(1 << 16));

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
                                convertRuns(runs(index, BATCH), index, loading, written));
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
    private boolean convertRuns(Iterator<Run> runs, CocoIndex index, BackgroundIndex loading, RunConsumer written)
            throws IOException {
        boolean recompute = options.recompute();
        try (OrderedPipeline<Run, Converted> pipeline = OrderedPipeline.of(runs, loading.converting(
                run -> new Converted(run, convert(run, runBytes(index, run), recompute))), threads())) {
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

    private record Converted(Run run, ConvertedRun converted) {
    }

    /**
     * The bytes of {@code run} at the start of this thread's buffer, with room after them that
     * {@link #convert} scans them in place with: read into the same memory run after run (a buffer
     * of more than {@link #KEPT_BYTES} is the run's own).
     */
    private static byte[] runBytes(CocoIndex index, Run run) {
        int length = Math.toIntExact(run.end() - run.start());
        byte[] bytes = RUN_BYTES.get();
        if (bytes.length < length + JsonInput.SLACK) {
            bytes = new byte[length + length / 4 + JsonInput.SLACK];
            if (bytes.length <= KEPT_BYTES) {
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
        JacksonException refusal = mayExceedJacksonLimits(scalar, 0, scalar.length)
                ? jacksonRefusal(scalar, 0, scalar.length) : null;
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
         * Converts the index's annotations, split into runs ({@link #runs}), as
         * {@link #convert(Run, byte[], boolean)} does, and hands each with its result to {@code written}
         * in run order, until it returns false.
         */
        void execute(CocoIndex index, boolean recompute, RunConsumer written) throws IOException;
    }

    /** Takes the converted runs, in order; false: no more. */
    @FunctionalInterface
    public interface RunConsumer {
        boolean accept(Run run, ConvertedRun converted) throws IOException;
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
        boolean write(Run run, ConvertedRun c) throws IOException {
            if (heldWarnings != null && loading.isLoaded()) {
                if (!loading.streamed()) {
                    return false;
                }
                flushWarnings();
            }
            if (c.invalidJson() >= 0) {
                return fail(invalidJson(index, run, c.invalidJson()));
            }
            // a loop of little but calls (write is called once a run: its loop runs interpreted until compiled on-stack)
            Kind[] kinds = c.kinds();
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
        private boolean skipped(Run run, ConvertedRun c, int k) throws IOException {
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

    /**
     * Annotations [from, from + size()) of an indexed file with all that their conversion needs from
     * the index, so that any worker converts them from their bytes alone: the file range [start, end)
     * they span, each one's range within it, its image's size, and why it cannot be converted where
     * the index already knows (a failed load requirement; an image_id not in the images table; either
     * array null when no annotation of the run has one, as in nearly every run: a run waiting for a
     * worker holds 25 % less, and while a large file is indexed hundreds wait).
     * Serializable: a cluster's executors are handed runs, not the index.
     */
    public record Run(int from, long start, long end, int[] starts, int[] ends, int[] heights, int[] widths,
            String[] problems, String[] missingImages, long[] ids, boolean[] crowd) implements Serializable {

        public int size() {
            return starts.length;
        }

        /** Why the index refuses annotation k (a failed load requirement), or null. */
        String problem(int k) {
            return problems == null ? null : problems[k];
        }

        /** Why annotation k has no image to convert on, or null. */
        String missingImage(int k) {
            return missingImages == null ? null : missingImages[k];
        }
    }

    /** The index's annotations as runs of {@code size} (the last one shorter), in file order, each made when asked for. */
    public static Iterator<Run> runs(CocoIndex index, int size) {
        int n = index.annotationCount();
        return IntStream.iterate(0, a -> a < n, a -> a + size)
                .mapToObj(from -> run(index, from, Math.min(n, from + size))).iterator();
    }

    static Run run(CocoIndex index, int from, int to) {
        RunBuilder run = new RunBuilder(index, from, to);
        for (int a = from; a < to; a++) {
            run.add(a);
        }
        return run.build();
    }

    /**
     * A run's columns, filled an annotation at a time. {@link #add} is a method of its own, called per
     * annotation, so the JIT compiles it after a few hundred calls: as the loop of {@link #run}, which
     * is called once a run, it ran interpreted until compiled on-stack, for the first ~60 runs (40 ms of
     * the indexing thread's 0.29 s of CPU on 200k annotations).
     */
    private static final class RunBuilder {
        private final CocoIndex index;
        /** The run, its arrays being filled; without the reasons, made only for a run that has one. */
        private final Run run;
        private String[] problems, missingImages;

        RunBuilder(CocoIndex index, int from, int to) {
            this.index = index;
            int n = to - from;
            run = new Run(from, index.annotationStart(from), index.annotationEnd(to - 1), new int[n], new int[n],
                    new int[n], new int[n], null, null, new long[n], new boolean[n]);
        }

        void add(int a) {
            int k = a - run.from();
            run.ids()[k] = index.annotationId(a);
            run.crowd()[k] = index.annotationIsCrowd(a);
            run.starts()[k] = Math.toIntExact(index.annotationStart(a) - run.start());
            run.ends()[k] = Math.toIntExact(index.annotationEnd(a) - run.start());
            String problem = index.annotationProblem(a);
            if (problem != null) {
                problems = problems == null ? new String[run.size()] : problems;
                problems[k] = problem;
            }
            int img = index.imageIndex(index.annotationImageId(a));
            if (img < 0) {
                missingImages = missingImages == null ? new String[run.size()] : missingImages;
                missingImages[k] = "image_id " + index.annotationImageId(a) + " is not in the images table";
            } else {
                run.heights()[k] = index.imageHeight(img);
                run.widths()[k] = index.imageWidth(img);
            }
        }

        Run build() {
            return problems == null && missingImages == null ? run : new Run(run.from(), run.start(), run.end(),
                    run.starts(), run.ends(), run.heights(), run.widths(), problems, missingImages, run.ids(), run.crowd());
        }
    }

    /**
     * A run converted: the annotations that convert, rendered as one JSON list, and per annotation
     * its segmentation's form, or (form null) why it does not convert. When an annotation's bytes are
     * not valid JSON, nothing is converted and {@code invalidJson} is its position in the run (else
     * −1); the writer, which has the index, reports it with its place in the file.
     */
    public record ConvertedRun(byte[] list, Kind[] kinds, String[] errors, int invalidJson) implements Serializable {
    }

    /**
     * Converts {@code run}, whose bytes [run.start(), run.end()) of the file are {@code json} from index
     * 0 (more bytes after them are not read): what {@code coco rle} does with each run, wherever it runs
     * (a worker thread, a Spark executor).
     */
    public static ConvertedRun convert(Run run, byte[] json, boolean recompute) throws IOException {
        int n = run.size();
        AnnotationFields[] fields = AnnotationFields.reused(n);
        // one scanner over the run, set at each object in turn; in place where json has room after it
        int from = run.starts()[0];
        int length = run.ends()[n - 1] - from;
        JsonScanner s = from == 0 && json.length - JsonInput.SLACK >= length
                ? JsonScanner.inPlace(json, length) : new JsonScanner(json, from, length);
        // each loop's body is a method of its own, compiled after a few hundred annotations (convert,
        // called once a run, is not; its loops ran interpreted until compiled on-stack)
        for (int k = 0; k < n; k++) {
            if (!read(fields[k], s, json, from, run.starts()[k], run.ends()[k])) {
                return invalidJsonAt(k);
            }
        }
        Kind[] kinds = new Kind[n];
        String[] errors = new String[n];
        JsonOutput list = RUN_OUTPUT.get();
        list.truncate(0);
        list.add('[');
        for (int k = 0; k < n; k++) {
            errors[k] = writeElement(list, json, run, k, fields[k], recompute);
            kinds[k] = errors[k] == null ? Kind.of(fields[k].segmentation) : null;
        }
        list.add(']');
        byte[] written = list.toByteArray();
        if (written.length > KEPT_BYTES) {
            RUN_OUTPUT.remove();
        }
        return new ConvertedRun(written, kinds, errors, -1);
    }

    /** Reads the annotation json[start, end) into {@code fields}; false if its bytes are not valid JSON (or Jackson refuses them). */
    private static boolean read(AnnotationFields fields, JsonScanner s, byte[] json, int from, int start, int end)
            throws IOException {
        try {
            s.rewind(start - from);
            AnnotationFields.read(fields, s, json, from);
            return !(mayExceedJacksonLimits(json, start, end) && jacksonRefusal(json, start, end) != null);
        } catch (JsonInputException | JacksonException e) {
            return false;
        }
    }

    /** Writes the run's annotation {@code k} converted, after a comma unless it is the list's first; or, writing nothing, returns why it cannot be. */
    private static String writeElement(JsonOutput list, byte[] json, Run run, int k, AnnotationFields fields, boolean recompute) {
        int before = list.size();
        if (before > 1) {
            list.add(',');
        }
        String error = write(list, json, run, k, fields, recompute);
        if (error != null) {
            list.truncate(before);
        }
        return error;
    }

    /** A run that does not convert: the bytes of its annotation {@code k} are not valid JSON. */
    private static ConvertedRun invalidJsonAt(int k) {
        return new ConvertedRun(new byte[0], new Kind[0], new String[0], k);
    }

    /**
     * Whether the bytes json[from, to) may hold a number or member name longer than Jackson's limits
     * (Json.FACTORY's read constraints), which the scanner reads but Jackson, which parsed annotations
     * before it, refuses: only then is the refusal looked for ({@link #jacksonRefusal}). A number
     * is a run of bytes of numbers, and a member name no longer than the bytes.
     */
    private static boolean mayExceedJacksonLimits(byte[] json, int from, int to) {
        StreamReadConstraints limits = Json.FACTORY.streamReadConstraints();
        if (to - from > limits.getMaxNameLength()) {
            return true;
        }
        int longest = limits.getMaxNumberLength();
        if (to - from <= longest) {
            return false;
        }
        int run = 0;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            boolean numberByte = b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            run = numberByte ? run + 1 : 0;
            if (run > longest) {
                return true;
            }
        }
        return false;
    }

    /** Why Jackson refuses the JSON value json[from, to) (it reads the first value, not what may follow), or null. */
    private static JacksonException jacksonRefusal(byte[] json, int from, int to) throws IOException {
        try (JsonParser p = Json.parser(json, from, to - from)) {
            p.nextToken();
            p.skipChildren();
            return null;
        } catch (JacksonException e) {
            return e;
        }
    }

    /** The error for the run's annotation {@code k}, whose bytes are not valid JSON: parsed again, alone, by Jackson to say where. */
    private static CocoFormatException invalidJson(CocoIndex index, Run run, int k) {
        long start = run.start() + run.starts()[k];
        byte[] json = index.bytes(start, run.start() + run.ends()[k]);
        String item = "annotation " + CocoIndex.describe(run.ids()[k], run.from() + k);
        JacksonException refusal;
        try {
            refusal = jacksonRefusal(json, 0, json.length);
        } catch (IOException e) {
            throw new UncheckedIOException(index.path() + ": " + e.getMessage(), e);
        }
        if (refusal != null) {
            return index.invalidJson(start, refusal, item);
        }
        throw new IllegalStateException(index.path() + ": " + item + " parsed when read again");
    }

    /** Writes the run's annotation {@code k} converted; or, writing nothing, returns why it cannot be. */
    private static String write(JsonOutput out, byte[] json, Run run, int k, AnnotationFields ann, boolean recompute) {
        if (run.problem(k) != null) {
            return run.problem(k);
        }
        if (ann.error != null) {
            return ann.error;
        }
        if (run.missingImage(k) != null) {
            return run.missingImage(k);
        }
        Rle rle;
        try {
            rle = ann.segmentation.toRle(run.heights()[k], run.widths()[k]);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        // a counts string read is written as it was (annToRLE returns it unchanged), whatever its form
        String counts = ann.segmentation instanceof Segmentation.CompressedRle c ? c.counts() : null;
        if (recompute) {
            ann.write(out, json, rle, counts, MaskApi.area(rle), MaskApi.toBbox(rle));
        } else {
            ann.write(out, json, rle, counts, 0, null);
        }
        return null;
    }

    /** The form a segmentation had, for the summary. */
    public enum Kind {
        POLYGONS, UNCOMPRESSED, COMPRESSED;

        static Kind of(Segmentation segmentation) {
            return switch (segmentation) {
                case Segmentation.Polygons ignored -> POLYGONS;
                case Segmentation.UncompressedRle ignored -> UNCOMPRESSED;
                case Segmentation.CompressedRle ignored -> COMPRESSED;
            };
        }
    }

    private static final class Counts {
        long annotations, polygons, uncompressed, compressed, crowd, invalid;

        void add(Kind kind, boolean isCrowd) {
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
