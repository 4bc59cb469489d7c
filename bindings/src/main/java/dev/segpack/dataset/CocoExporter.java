package dev.segpack.dataset;

import dev.segpack.io.CocoFileWriter;
import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes a dataset as COCO files with datumaro's exporter semantics (see the task converters for the
 * per-task rules): {@code <out>/annotations/<task>_<subset>.json} per task and subset, and for the
 * panoptic task the PNGs in {@code <out>/annotations/panoptic_<subset>/}. Images themselves are not
 * copied.
 *
 * <p>Streaming: items are read one at a time, converted on worker threads in a bounded window, and
 * written in input order; each file keeps only a few counters, so memory does not grow with the
 * dataset. Every file appears whole or not at all (temp file, renamed at the end); a failure leaves
 * none of the run's files.
 *
 * <p>Ids: with {@code reindex}, images are numbered 1, 2, … in input order and annotations 1, 2, …
 * per file. Without it, an image keeps its source id (else its position, from 1), an annotation its
 * id (those without one are numbered after the file's largest id), and a category its source id
 * (else label + 1). With no tasks given, every task is written except those that come out empty.
 */
public final class CocoExporter extends Job<CocoExporter.Options> {

    public record Options(Set<CocoTask> tasks, SegmentationMode mode, boolean cropCovered, boolean reindex,
                          boolean allowAttributes, int threads) {
        public Options {
            tasks = tasks.isEmpty() ? Set.of() : EnumSet.copyOf(tasks);
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
        }
    }

    /** One file written: its path, task, subset, and how many images and annotations it holds. */
    public record WrittenFile(Path path, CocoTask task, String subset, long images, long annotations) {
    }

    public record Summary(long items, List<WrittenFile> files, double seconds) {
    }

    public CocoExporter(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
    }

    /** datumaro's layout: {@code <outDir>/annotations/<task>_<subset>.json} per task and subset. */
    public Summary export(DatasetReader reader, Path outDir) throws IOException {
        long start = System.nanoTime();
        Path annotationsDir = outDir.resolve("annotations");
        Files.createDirectories(annotationsDir);
        Set<CocoTask> tasks = options.tasks().isEmpty() ? EnumSet.allOf(CocoTask.class) : options.tasks();
        ExportContext context = context(reader);
        Map<String, SubsetFiles> subsets = new LinkedHashMap<>();
        Function<Item, SubsetFiles> filesOf = item -> subsets.computeIfAbsent(item.subset(),
                subset -> open(subset, tasks, context, annotationsDir));
        return export(reader, filesOf, subsets.values(), options.tasks().isEmpty(), start);
    }

    /**
     * Every item's instances in the one file {@code file}, whatever their subset, in the plain form
     * {@code masks to-coco} writes (see {@link PlainInstancesConverter}); the file is written even
     * when it has no annotations. The options' tasks, segmentation mode and crop-covered do not apply.
     */
    public Summary exportPlainInstances(DatasetReader reader, Path file) throws IOException {
        long start = System.nanoTime();
        SubsetFiles files = new SubsetFiles("", file.toAbsolutePath().getParent(), CocoForm.PLAIN);
        try {
            files.add(new PlainInstancesConverter(context(reader)), file);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        return export(reader, item -> files, List.of(files), false, start);
    }

    private ExportContext context(DatasetReader reader) {
        return new ExportContext(reader.categories(), options.mode(), options.cropCovered(), options.reindex(),
                options.allowAttributes(), warnings);
    }

    /**
     * The export: each item, in order, goes to the files {@code filesOf} gives for it; at the end
     * every one of {@code opened} (those files, as they are opened) is committed, without the files
     * that came out empty when {@code dropEmpty}, or deleted on failure.
     */
    private Summary export(DatasetReader reader, Function<Item, SubsetFiles> filesOf, Collection<SubsetFiles> opened,
                           boolean dropEmpty, long start) throws IOException {
        long total = reader.itemCount();
        long done = 0;
        try {
            Iterator<Item> items = reader.items();
            long[] position = {0};
            Iterator<Numbered> numbered = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return items.hasNext();
                }

                @Override
                public Numbered next() {
                    Item item = items.next();
                    long imageId = options.reindex() ? position[0] + 1 : item.imageId().orElse(position[0] + 1);
                    position[0]++;
                    return new Numbered(item, imageId, filesOf.apply(item));
                }
            };
            try (OrderedPipeline<Numbered, Converted> pipeline = OrderedPipeline.of(numbered, this::convert,
                    options.threads())) {
                while (pipeline.hasNext()) {
                    Converted c = pipeline.next();
                    c.files().append(c);
                    progress.update(++done, total, "items");
                }
            }
            List<WrittenFile> written = new ArrayList<>();
            for (SubsetFiles files : opened) {
                written.addAll(files.commit(dropEmpty));
            }
            return new Summary(done, written, secondsSince(start));
        } finally {
            for (SubsetFiles files : opened) {
                files.close();
            }
        }
    }

    private record Numbered(Item item, long imageId, SubsetFiles files) {
    }

    private record Converted(byte[] image, Map<CocoTask, List<TaskConverter.Entry>> entries, SubsetFiles files) {
    }

    private Converted convert(Numbered n) {
        Map<CocoTask, List<TaskConverter.Entry>> entries = new EnumMap<>(CocoTask.class);
        for (TaskConverter converter : n.files().converters()) {
            List<TaskConverter.Entry> out = new ArrayList<>();
            converter.convert(n.item(), n.imageId(), out);
            entries.put(converter.task(), out);
        }
        return new Converted(n.files().form().imageEntry(n.item(), n.imageId()), entries, n.files());
    }

    private static SubsetFiles open(String subset, Set<CocoTask> tasks, ExportContext context, Path annotationsDir)
            throws UncheckedIOException {
        SubsetFiles files = new SubsetFiles(subset, annotationsDir, CocoForm.DATUMARO);
        try {
            for (CocoTask task : tasks) {
                TaskConverter converter = switch (task) {
                    case IMAGE_INFO -> new ImageInfoConverter(context);
                    case INSTANCES -> new InstancesConverter(context);
                    case PERSON_KEYPOINTS -> new KeypointsConverter(context);
                    case CAPTIONS -> PerAnnotationConverter.captions(context);
                    case LABELS -> PerAnnotationConverter.labels(context);
                    case PANOPTIC -> new PanopticConverter(context, files.panopticPartial());
                };
                files.add(converter, annotationsDir.resolve(task.fileName() + "_" + subset + ".json"));
            }
            return files;
        } catch (IOException e) {
            try {
                files.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot start the " + subset + " files in " + annotationsDir + ": "
                    + e.getMessage(), e);
        }
    }


    /**
     * The files of one subset, one per task, plus the panoptic PNG folder being filled, and the form
     * of file they all write.
     */
    private static final class SubsetFiles implements AutoCloseable {
        private final String subset;
        private final Path annotationsDir;
        private final CocoForm form;
        private final List<TaskConverter> converters = new ArrayList<>();
        private final Map<CocoTask, CocoFileWriter> writers = new EnumMap<>(CocoTask.class);
        private Path panopticPartial;

        SubsetFiles(String subset, Path annotationsDir, CocoForm form) {
            this.subset = subset;
            this.annotationsDir = annotationsDir;
            this.form = form;
        }

        List<TaskConverter> converters() {
            return converters;
        }

        CocoForm form() {
            return form;
        }

        void add(TaskConverter converter, Path target) throws IOException {
            writers.put(converter.task(), new CocoFileWriter(target, converter.header(form)));
            converters.add(converter);
        }

        /** A fresh hidden folder for this subset's panoptic PNGs, renamed into place on commit. */
        Path panopticPartial() throws IOException {
            panopticPartial = Files.createTempDirectory(annotationsDir, ".panoptic_" + subset + ".");
            // createTempDirectory makes the folder private (0700); the output folder is an ordinary one
            if (Files.getFileStore(panopticPartial).supportsFileAttributeView(
                    java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(panopticPartial,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return panopticPartial;
        }

        private Path panopticTarget() {
            return annotationsDir.resolve("panoptic_" + subset);
        }

        void append(Converted c) {
            try {
                for (TaskConverter converter : converters) {
                    CocoFileWriter writer = writers.get(converter.task());
                    writer.image(c.image());
                    for (TaskConverter.Entry e : c.entries().get(converter.task())) {
                        if (e.raw()) {
                            writer.rawAnnotation(e.bytes());
                        } else {
                            writer.annotation(e.id(), e.bytes());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        /** Commits every file, or drops those with nothing in them when {@code dropEmpty}. */
        List<WrittenFile> commit(boolean dropEmpty) throws IOException {
            List<WrittenFile> written = new ArrayList<>();
            for (TaskConverter converter : converters) {
                CocoFileWriter writer = writers.get(converter.task());
                boolean empty = converter.emptyWithoutAnnotations() ? writer.annotations() == 0 : writer.images() == 0;
                if (dropEmpty && empty) {
                    continue;
                }
                if (converter.task() == CocoTask.PANOPTIC) {
                    replaceFolder(panopticPartial, panopticTarget());
                    panopticPartial = null;
                }
                writer.commit();
                written.add(new WrittenFile(writer.target(), converter.task(), subset, writer.images(),
                        writer.annotations()));
            }
            return written;
        }

        @Override
        public void close() throws IOException {
            for (CocoFileWriter writer : writers.values()) {
                writer.close();
            }
            if (panopticPartial != null) {
                deleteTree(panopticPartial);
            }
        }
    }

    /** Puts {@code partial} where {@code target} is, replacing what was there. */
    private static void replaceFolder(Path partial, Path target) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
            Files.delete(old);
            Files.move(target, old);
            Files.move(partial, target);
            deleteTree(old);
        } else {
            Files.move(partial, target);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
