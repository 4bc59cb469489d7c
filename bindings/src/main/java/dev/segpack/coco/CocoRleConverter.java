package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.Json;
import dev.segpack.io.JsonText;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code segpack coco rle}: rewrites a COCO file with every annotation's segmentation as compressed
 * RLE, exactly as COCO.annToRLE gives it. The file is read once, into a {@link CocoIndex}; the top
 * level is then written as json.load would hold it (each member once, where it first appears, with
 * its last value), every value but the annotations carried over as it was. Annotations are read back
 * by their byte ranges in batches, parsed and converted by the ordered pipeline's workers and written
 * in their original order, so memory stays bounded whatever the file's size.
 */
public final class CocoRleConverter extends Job<CocoRleConverter.Options> {

    /** How a run behaves: recompute area/bbox from the mask; skip bad annotations instead of failing. */
    public record Options(boolean recompute, boolean skipInvalid, int threads) {
    }

    /** What a run did. */
    public record Summary(long annotations, long polygons, long uncompressed, long compressed, long crowd,
            long invalid, double seconds) {
    }

    /** Annotations per piece of work: one read of their bytes, one hand-over to a worker. */
    private static final int BATCH = 1024;

    public CocoRleConverter(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
    }

    public Summary convert(Path in, Path out) throws IOException {
        long start = System.nanoTime();
        Counts counts = new Counts();
        try (CocoIndex index = options.skipInvalid()
                ? CocoIndex.loadKeepingInvalidAnnotations(in, CocoIndex.Required.COCO_API) : CocoIndex.load(in);
                AtomicOutput target = new AtomicOutput(out)) {
            try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16)) {
                Map<String, CocoIndex.Member> members = new LinkedHashMap<>();
                for (CocoIndex.Member m : index.members()) {
                    members.put(m.name(), m);
                }
                os.write('{');
                boolean first = true;
                for (CocoIndex.Member m : members.values()) {
                    if (!first) {
                        os.write(',');
                    }
                    first = false;
                    os.write(JsonText.render(gen -> gen.writeString(m.name())));
                    os.write(':');
                    if (m.name().equals("annotations")) {
                        convertAnnotations(index, os, counts, Files.size(in));
                    } else if (isContainer(index.bytes(m.start(), m.start() + 1)[0])) {
                        index.copy(m.start(), m.end(), os);
                    } else {
                        byte[] scalar = index.bytes(m.start(), m.end());
                        os.write(JsonText.render(gen -> AnnotationFields.copyScalar(scalar, gen)));
                    }
                }
                os.write('}');
            }
            target.commit();
        }
        return new Summary(counts.annotations, counts.polygons, counts.uncompressed, counts.compressed,
                counts.crowd, counts.invalid, secondsSince(start));
    }

    private static boolean isContainer(byte first) {
        return first == '{' || first == '[';
    }

    /**
     * Converts the annotations batch by batch and writes them in file order. A worker reads, parses
     * and converts each batch, so {@code --threads N} is the number of threads doing that work; this
     * thread only writes.
     */
    private void convertAnnotations(CocoIndex index, OutputStream os, Counts counts, long fileSize) throws IOException {
        int n = index.annotationCount();
        Iterator<Integer> batches = IntStream.iterate(0, a -> a < n, a -> a + BATCH).boxed().iterator();
        os.write('[');
        boolean empty = true;
        try (OrderedPipeline<Integer, Converted> pipeline = OrderedPipeline.of(batches,
                from -> convert(index, parse(index, from, Math.min(n, from + BATCH))),
                Math.max(1, options.threads()))) {
            int a = 0;
            while (pipeline.hasNext()) {
                Converted c = pipeline.next();
                for (int k = 0; k < c.kinds.length; k++, a++) {
                    if (c.kinds[k] == null) {
                        String message = index.path() + ": annotation " + index.describe(a) + ": " + c.errors[k];
                        if (!options.skipInvalid()) {
                            throw new CocoFormatException(message);
                        }
                        counts.invalid++;
                        warnings.accept("skipped " + message);
                    } else {
                        counts.add(c.kinds[k], index.annotationIsCrowd(a));
                    }
                }
                // the batch's annotations, rendered as a list: its elements and their commas
                if (c.list.length > 2) {
                    if (!empty) {
                        os.write(',');
                    }
                    empty = false;
                    os.write(c.list, 1, c.list.length - 2);
                }
                progress.update(index.annotationEnd(a - 1), fileSize, "bytes");
            }
        }
        os.write(']');
    }

    /** Annotations [from, from + fields.length), parsed. */
    private record Parsed(int from, AnnotationFields[] fields) {
    }

    /** Annotations [from, to): their bytes read in one go, each parsed. */
    private static Parsed parse(CocoIndex index, int from, int to) {
        long base = index.annotationStart(from);
        byte[] json = index.bytes(base, index.annotationEnd(to - 1));
        AnnotationFields[] out = new AnnotationFields[to - from];
        for (int a = from; a < to; a++) {
            int offset = (int) (index.annotationStart(a) - base);
            try (JsonParser p = Json.FACTORY.createParser(json, offset, (int) (index.annotationEnd(a) - base) - offset)) {
                p.nextToken();
                out[a - from] = AnnotationFields.read(p, json, offset);
            } catch (JacksonException e) {
                throw index.invalidJson(index.annotationStart(a), e, "annotation " + index.describe(a));
            } catch (IOException e) {
                throw new UncheckedIOException(index.path() + ": " + e.getMessage(), e);
            }
        }
        return new Parsed(from, out);
    }

    /**
     * A batch rewritten: the annotations that convert, rendered as one JSON list, and per annotation
     * its segmentation's form, or (form null) why it does not convert.
     */
    private record Converted(byte[] list, Kind[] kinds, String[] errors) {
    }

    private Converted convert(CocoIndex index, Parsed batch) throws IOException {
        int n = batch.fields().length;
        Kind[] kinds = new Kind[n];
        String[] errors = new String[n];
        ByteArrayOutputStream list = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator gen = Json.FACTORY.createGenerator(list)) {
            gen.writeStartArray();
            for (int k = 0; k < n; k++) {
                errors[k] = write(gen, index, batch.from() + k, batch.fields()[k]);
                kinds[k] = errors[k] == null ? Kind.of(batch.fields()[k].segmentation) : null;
            }
            gen.writeEndArray();
        }
        return new Converted(list.toByteArray(), kinds, errors);
    }

    /** Writes annotation {@code a} converted; or, writing nothing, returns why it cannot be. */
    private String write(JsonGenerator gen, CocoIndex index, int a, AnnotationFields ann) throws IOException {
        if (index.annotationProblem(a) != null) {
            return index.annotationProblem(a);
        }
        if (ann.error != null) {
            return ann.error;
        }
        int img = index.imageIndex(index.annotationImageId(a));
        if (img < 0) {
            return "image_id " + index.annotationImageId(a) + " is not in the images table";
        }
        Rle rle;
        try {
            rle = ann.segmentation.toRle(index.imageHeight(img), index.imageWidth(img));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String string = ann.segmentation instanceof Segmentation.CompressedRle c ? c.counts() : RleString.encode(rle);
        if (options.recompute()) {
            ann.write(gen, rle.h(), rle.w(), string, MaskApi.area(rle), MaskApi.toBbox(rle));
        } else {
            ann.write(gen, rle.h(), rle.w(), string, 0, null);
        }
        return null;
    }

    /** The form a segmentation had, for the summary. */
    private enum Kind {
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
