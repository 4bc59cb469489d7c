package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Json;
import dev.segpack.io.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code segpack coco rle}: rewrites a COCO file with every annotation's segmentation as compressed
 * RLE, exactly as COCO.annToRLE gives it. Every other byte of the file is carried over as it was, in
 * order: the input is streamed, annotations are converted in parallel batches and written back in
 * their original order.
 */
public final class CocoRleConverter {

    /** How a run behaves: recompute area/bbox from the mask; skip bad annotations instead of failing. */
    public record Options(boolean recompute, boolean skipInvalid, int threads) {
    }

    /** What a run did. */
    public record Summary(long annotations, long polygons, long uncompressed, long compressed, long crowd,
            long invalid, double seconds) {
    }

    private static final int BATCH = 4096;

    private final Options options;
    private final Progress progress;
    private final Consumer<String> warnings;

    public CocoRleConverter(Options options, Progress progress, Consumer<String> warnings) {
        this.options = options;
        this.progress = progress;
        this.warnings = warnings;
    }

    public Summary convert(Path in, Path out) throws IOException {
        long start = System.nanoTime();
        Counts counts = new Counts();
        try (CocoIndex images = CocoIndex.load(in);
                JsonSource src = new JsonSource(in);
                AtomicOutput target = new AtomicOutput(out);
                ForkJoinPool pool = new ForkJoinPool(Math.max(1, options.threads()))) {
            try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16);
                    JsonGenerator gen = Json.FACTORY.createGenerator(os, JsonEncoding.UTF8);
                    JsonParser p = src.parser()) {
                CocoStructure.expectTopObject(p, in);
                gen.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    gen.writeFieldName(key);
                    if (key.equals("annotations")) {
                        if (v != JsonToken.START_ARRAY) {
                            throw new CocoFormatException(in + ": annotations is " + Segmentation.describe(v) + ", not a list");
                        }
                        convertAnnotations(p, gen, src, images, pool, counts);
                    } else {
                        AnnotationFields.copyValue(p, gen, src);
                    }
                }
                gen.writeEndObject();
            }
            target.commit();
        }
        return new Summary(counts.annotations, counts.polygons, counts.uncompressed, counts.compressed,
                counts.crowd, counts.invalid, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Reads a batch while the workers convert the one before it, then writes that one: parsing and
     * writing (one thread) overlap the rasterising (all threads).
     */
    private void convertAnnotations(JsonParser p, JsonGenerator gen, JsonSource src, CocoIndex images,
            ForkJoinPool pool, Counts counts) throws IOException {
        gen.writeStartArray();
        List<AnnotationFields> batch = new ArrayList<>(BATCH);
        Batch converting = null;
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new CocoFormatException(src.path + ": annotation #" + index + " is " + Segmentation.describe(t)
                        + ", not an object");
            }
            batch.add(AnnotationFields.read(p, src, index++));
            if (batch.size() == BATCH) {
                Batch next = Batch.start(batch, images, pool);
                if (converting != null) {
                    write(converting, gen, src, counts);
                }
                converting = next;
                batch = new ArrayList<>(BATCH);
                progress.update(p.currentLocation().getByteOffset(), src.size(), "bytes");
            }
        }
        if (converting != null) {
            write(converting, gen, src, counts);
        }
        write(Batch.start(batch, images, pool), gen, src, counts);
        gen.writeEndArray();
    }

    /** Annotations being converted by the pool, each result landing in its own slot. */
    private record Batch(List<AnnotationFields> annotations, Converted[] results, ForkJoinTask<?> task) {
        static Batch start(List<AnnotationFields> annotations, CocoIndex images, ForkJoinPool pool) {
            Converted[] results = new Converted[annotations.size()];
            ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, results.length).parallel()
                    .forEach(i -> results[i] = convert(annotations.get(i), images)));
            return new Batch(annotations, results, task);
        }
    }

    private void write(Batch batch, JsonGenerator gen, JsonSource src, Counts counts) throws IOException {
        batch.task().join();
        for (int i = 0; i < batch.results().length; i++) {
            AnnotationFields ann = batch.annotations().get(i);
            Converted c = batch.results()[i];
            if (c.error != null) {
                String message = src.path + ": annotation " + ann.describe() + ": " + c.error;
                if (!options.skipInvalid()) {
                    throw new CocoFormatException(message);
                }
                counts.invalid++;
                warnings.accept("skipped " + message);
                continue;
            }
            counts.annotations++;
            counts.crowd += ann.crowd ? 1 : 0;
            switch (ann.segmentation) {
                case Segmentation.Polygons ignored -> counts.polygons++;
                case Segmentation.UncompressedRle ignored -> counts.uncompressed++;
                case Segmentation.CompressedRle ignored -> counts.compressed++;
            }
            ann.write(gen, c.h, c.w, c.counts, options.recompute() ? c : null);
        }
    }

    private static Converted convert(AnnotationFields ann, CocoIndex images) {
        if (ann.error != null) {
            return Converted.failed(ann.error);
        }
        if (ann.imageId == null) {
            return Converted.failed("has no integer image_id");
        }
        int img = images.imageIndex(ann.imageId);
        if (img < 0) {
            return Converted.failed("image_id " + ann.imageId + " is not in the images table");
        }
        try {
            Rle rle = ann.segmentation.toRle(images.imageHeight(img), images.imageWidth(img));
            String string = ann.segmentation instanceof Segmentation.CompressedRle c ? c.counts() : RleString.encode(rle);
            return new Converted(null, rle.h(), rle.w(), string, MaskApi.area(rle), MaskApi.toBbox(rle));
        } catch (IllegalArgumentException e) {
            return Converted.failed(e.getMessage());
        }
    }

    /** One annotation's compressed RLE with its area and box, or why it has none. */
    record Converted(String error, int h, int w, String counts, long area, Bbox bbox) {
        static Converted failed(String error) {
            return new Converted(error, 0, 0, null, 0, null);
        }
    }

    private static final class Counts {
        long annotations, polygons, uncompressed, compressed, crowd, invalid;
    }
}
