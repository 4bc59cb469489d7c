package dev.segpack.spark;

import dev.segpack.cli.MaskInputOptions;
import dev.segpack.dataset.Annotation;
import dev.segpack.dataset.CategorySet;
import dev.segpack.dataset.Item;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.maskimg.CategoryMap;
import dev.segpack.maskimg.MaskImageReader;
import dev.segpack.maskimg.MaskImportOptions;
import dev.segpack.maskimg.MaskLayout;
import dev.segpack.image.ImageFile;
import java.io.IOException;
import java.io.Serializable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code segpack spark masks-to-parquet}: mask images to the {@link AnnotationTable}, whose rows are
 * the annotations {@code segpack masks to-coco --format rle} writes (same ids, image ids, category
 * ids, counts, area, bbox). The driver lists the folders as the command does (MaskLayout); Spark's
 * binaryFile source reads the mask (and image) files on the executors; each task gets its images'
 * files together, in the scan's order, and loads them with the command's own loader
 * ({@link MaskImageReader#untracedItems}) from those bytes; annotation ids are numbered across the
 * dataset in the scan's order.
 */
@Command(name = "masks-to-parquet", mixinStandardHelpOptions = true,
        description = {"Mask images to a Parquet table of annotations (id, image_id, file_name, height, width,"
                + " category_id, category, supercategory, counts, area, bbox, iscrowd): the annotations of"
                + " 'segpack masks to-coco --format rle', read with its options; an existing table is replaced."})
final class MasksToParquetJob extends SparkJob {

    @Option(names = "--masks", required = true, paramLabel = "DIR", description = "Folder of mask files.")
    Path masks;

    @Mixin
    MaskInputOptions input;

    @Option(names = "--out", required = true, paramLabel = "TABLE", description = "Parquet table (a folder) to write.")
    Path out;

    @Override
    String run(SparkSession spark) throws IOException {
        long start = System.nanoTime();
        long[] counts = write(spark, Source.of(input.toOptions(masks, spec)), out, partitions(spark, partitions));
        return String.format(Locale.ROOT, "%d images, %d annotations, %.2f s -> %s", counts[0], counts[1],
                (System.nanoTime() - start) / 1e9, out);
    }

    /** {@code p} absolute and normalized, as the file source names it; null for null. */
    private static String absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize().toString();
    }

    /**
     * Where the masks are and how to read them, as executors get it (Path is not Serializable), with
     * the category map's bytes (read once, on the driver).
     */
    record Source(String masks, String images, String categories, byte[] categoriesJson, MaskLayout.Kind layout,
            int threshold, boolean instances, long minArea, String imageExt) implements Serializable {

        static Source of(MaskImportOptions o) throws IOException {
            return new Source(absolute(o.masks()), absolute(o.images()), absolute(o.categories()),
                    o.categories() == null ? null : Files.readAllBytes(o.categories()), o.layout(), o.threshold(),
                    o.instances(), o.minArea(), o.imageExt());
        }

        MaskImportOptions options() {
            return new MaskImportOptions(Path.of(masks), images == null ? null : Path.of(images),
                    categories == null ? null : Path.of(categories), layout, threshold, instances, minArea, imageExt);
        }

        /** The category map, or null without one. */
        CategoryMap map() throws IOException {
            return categories == null ? null : CategoryMap.read(Path.of(categories), categoriesJson);
        }
    }

    /** One image group of the scan, as an executor gets it, with its position in the scan. */
    record Group(int position, String stem, String image, String[] maskFiles, int[] labels, long[] instances)
            implements Serializable {

        static Group of(int position, MaskLayout.ImageGroup g) {
            int n = g.masks().size();
            String[] files = new String[n];
            int[] labels = new int[n];
            long[] instances = new long[n];
            for (int i = 0; i < n; i++) {
                files[i] = absolute(g.masks().get(i).path());
                labels[i] = g.masks().get(i).label();
                instances[i] = g.masks().get(i).k();
            }
            return new Group(position, g.stem(), g.image() == null ? null : absolute(g.image()), files, labels,
                    instances);
        }

        /** The files the executor needs: the masks and, if given, the image. */
        List<String> files() {
            List<String> all = new ArrayList<>(List.of(maskFiles));
            if (image != null) {
                all.add(image);
            }
            return all;
        }

        MaskLayout.ImageGroup toImageGroup() {
            List<MaskLayout.MaskFile> files = new ArrayList<>(maskFiles.length);
            for (int i = 0; i < maskFiles.length; i++) {
                files.add(new MaskLayout.MaskFile(Path.of(maskFiles[i]), labels[i], instances[i]));
            }
            return new MaskLayout.ImageGroup(stem, image == null ? null : Path.of(image), files);
        }
    }

    /** One object an executor found: its image's position and file, its label and mask. */
    record FoundObject(int position, String fileName, int height, int width, int label, String counts, long area,
            double[] bbox) implements Serializable {
    }

    /** Writes the table of {@code source}'s annotations to {@code out}; returns {images, annotations}. */
    static long[] write(SparkSession spark, Source source, Path out, int partitions) throws IOException {
        MaskImportOptions options = source.options();
        MaskLayout.Scan scan = MaskLayout.scan(options.masks(), options.images(), source.map(), options.layout());
        List<Group> groups = new ArrayList<>(scan.images().size());
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < scan.images().size(); i++) {
            Group g = Group.of(i, scan.images().get(i));
            groups.add(g);
            for (String file : g.files()) {
                positions.put(file, i);
            }
        }
        CategorySet categories = scan.categories();
        int[] ids = new int[categories.size()];
        String[] names = new String[ids.length], supercategories = new String[ids.length];
        for (int label = 0; label < ids.length; label++) {
            ids[label] = categories.cocoId(label);
            names[label] = categories.get(label).name();
            supercategories[label] = categories.get(label).supercategory();
        }
        if (positions.isEmpty()) {
            spark.createDataFrame(List.of(), AnnotationTable.SCHEMA).write().mode(SaveMode.Overwrite)
                    .parquet(out.toAbsolutePath().toString());
            return new long[] {groups.size(), 0};
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<String, Integer>> positionOf = jsc.broadcast(positions);
        Broadcast<List<Group>> groupAt = jsc.broadcast(groups);
        // the file source reads the files on the executors; a range partitioner over the scan's
        // positions puts each image's files together and keeps the partitions in scan order
        JavaRDD<FoundObject> found = binaryFiles(spark, positions.keySet().stream().map(Path::of).toList()).javaRDD()
                .mapToPair(row -> {
                    String file = localPath(row.getString(0)).toString();
                    Integer position = positionOf.value().get(file);
                    if (position == null) {
                        throw new IOException(file + ": read by Spark's file source but not listed by the scan");
                    }
                    return new Tuple2<>(position, new Tuple2<String, byte[]>(file, row.getAs(1)));
                })
                .repartitionAndSortWithinPartitions(new ScanRanges(Math.clamp(partitions, 1, groups.size()),
                        groups.size()))
                .mapPartitions(part -> load(source, groupAt.value(), part))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // numbered in the scan's order: the partitions and their rows are in it, zipWithIndex counts along it
            JavaRDD<Row> rows = found.zipWithIndex().map(numbered -> {
                FoundObject o = numbered._1();
                return RowFactory.create(numbered._2() + 1, (long) o.position() + 1, o.fileName(), o.height(),
                        o.width(), ids[o.label()], names[o.label()], supercategories[o.label()], o.counts(), o.area(),
                        o.bbox(), 0);
            });
            spark.createDataFrame(rows, AnnotationTable.SCHEMA).write().mode(SaveMode.Overwrite)
                    .parquet(out.toAbsolutePath().toString());
            return new long[] {groups.size(), found.count()};
        } finally {
            found.unpersist(false);
            positionOf.destroy();
            groupAt.destroy();
        }
    }

    /** Positions in the scan cut into contiguous ranges, partition p after partition p − 1. */
    private static final class ScanRanges extends Partitioner {

        private final int partitions;
        private final int positions;

        ScanRanges(int partitions, int positions) {
            this.partitions = partitions;
            this.positions = positions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object position) {
            return (int) ((long) (Integer) position * partitions / positions);
        }
    }

    /**
     * One partition's images loaded, on an executor, with the loader of masks to-coco: its files come
     * sorted by their image's position, each image's files together. The task's one arena holds the
     * native copy of the file being decoded (see {@link TaskFiles}) and is closed when the partition is done.
     */
    private static Iterator<FoundObject> load(Source source, List<Group> groups,
            Iterator<Tuple2<Integer, Tuple2<String, byte[]>>> files) throws IOException {
        List<FoundObject> out = new ArrayList<>();
        try (Arena task = Arena.ofConfined()) {
            TaskFiles read = new TaskFiles(task);
            Function<MaskLayout.ImageGroup, Item> loader = MaskImageReader.untracedItems(source.options(), source.map(),
                    read);
            Tuple2<Integer, Tuple2<String, byte[]>> next = files.hasNext() ? files.next() : null;
            while (next != null) {
                int position = next._1();
                read.group.clear();
                while (next != null && next._1() == position) {
                    read.group.put(next._2()._1(), next._2()._2());
                    next = files.hasNext() ? files.next() : null;
                }
                Group g = groups.get(position);
                Item item = loader.apply(g.toImageGroup());
                for (Annotation a : item.annotations()) {
                    if (a instanceof Annotation.RleMask m) {
                        Rle rle = m.rle();
                        out.add(new FoundObject(position, item.image().fileName(), item.image().height(),
                                item.image().width(), m.info().label(), RleString.encode(rle), MaskApi.area(rle),
                                MaskApi.toBbox(rle).toArray()));
                    }
                }
            }
        }
        return out.iterator();
    }

    /**
     * The files of the image being loaded, as the file source read them, given to the decoders (the
     * JPEG decoder needs native bytes) in one buffer of the task's arena that is reused and grows
     * (doubling) to the task's largest file: a file's bytes stay valid until the next one is opened,
     * which is how the loader reads them, one after another.
     */
    private static final class TaskFiles implements ImageFile.Source {

        final Map<String, byte[]> group = new HashMap<>();
        private final Arena task;
        private MemorySegment buffer = MemorySegment.NULL;

        TaskFiles(Arena task) {
            this.task = task;
        }

        @Override
        public ImageFile open(Path path, Arena unused) throws IOException {
            byte[] bytes = group.get(path.toString());
            if (bytes == null) {
                throw new IOException("cannot decode " + path + ": Spark's file source did not read it");
            }
            if (buffer.byteSize() < bytes.length) {
                buffer = task.allocate(Math.max(bytes.length, 2 * buffer.byteSize()), 64);
            }
            MemorySegment file = buffer.asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, file, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return ImageFile.of(path, file);
        }
    }
}
