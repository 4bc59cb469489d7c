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
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segpack spark masks-to-parquet}: mask images to the {@link AnnotationTable}, whose rows are
 * the annotations {@code segpack masks to-coco --format rle} writes (same ids, image ids, category
 * ids, counts, area, bbox). The driver scans the folders as the command does (MaskLayout); the
 * executors load images' masks with the command's own loader ({@link MaskImageReader#untracedItems});
 * annotation ids are numbered across the dataset in the scan's order.
 *
 * <p>The executors read the mask and image files by their absolute paths: on a cluster they must be
 * on a file system every node mounts at the same place.
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

    /** Where the masks are and how to read them, as executors get it (Path is not Serializable). */
    record Source(String masks, String images, String categories, MaskLayout.Kind layout, int threshold,
            boolean instances, long minArea, String imageExt) implements Serializable {

        static Source of(MaskImportOptions o) {
            return new Source(absolute(o.masks()), absolute(o.images()), absolute(o.categories()), o.layout(),
                    o.threshold(), o.instances(), o.minArea(), o.imageExt());
        }

        private static String absolute(Path p) {
            return p == null ? null : p.toAbsolutePath().toString();
        }

        MaskImportOptions options() {
            return new MaskImportOptions(Path.of(masks), images == null ? null : Path.of(images),
                    categories == null ? null : Path.of(categories), layout, threshold, instances, minArea, imageExt);
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
                files[i] = g.masks().get(i).path().toString();
                labels[i] = g.masks().get(i).label();
                instances[i] = g.masks().get(i).k();
            }
            return new Group(position, g.stem(), g.image() == null ? null : g.image().toString(), files, labels,
                    instances);
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
        CategoryMap map = options.categories() == null ? null : CategoryMap.read(options.categories());
        MaskLayout.Scan scan = MaskLayout.scan(options.masks(), options.images(), map, options.layout());
        List<Group> groups = new ArrayList<>(scan.images().size());
        for (int i = 0; i < scan.images().size(); i++) {
            groups.add(Group.of(i, scan.images().get(i)));
        }
        CategorySet categories = scan.categories();
        int[] ids = new int[categories.size()];
        String[] names = new String[ids.length], supercategories = new String[ids.length];
        for (int label = 0; label < ids.length; label++) {
            ids[label] = categories.cocoId(label);
            names[label] = categories.get(label).name();
            supercategories[label] = categories.get(label).supercategory();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<FoundObject> found = jsc.parallelize(groups, Math.max(1, Math.min(partitions, groups.size())))
                .mapPartitions(part -> load(source, part))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // numbered in the scan's order: parallelize keeps it, zipWithIndex counts along it
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
        }
    }

    /** One partition's images loaded, on an executor, with the loader of masks to-coco. */
    private static Iterator<FoundObject> load(Source source, Iterator<Group> groups) throws IOException {
        Function<MaskLayout.ImageGroup, Item> loader = MaskImageReader.untracedItems(source.options());
        List<FoundObject> out = new ArrayList<>();
        while (groups.hasNext()) {
            Group g = groups.next();
            Item item = loader.apply(g.toImageGroup());
            for (Annotation a : item.annotations()) {
                if (a instanceof Annotation.RleMask m) {
                    Rle rle = m.rle();
                    out.add(new FoundObject(g.position(), item.image().fileName(), item.image().height(),
                            item.image().width(), m.info().label(), RleString.encode(rle), MaskApi.area(rle),
                            MaskApi.toBbox(rle).toArray()));
                }
            }
        }
        return out.iterator();
    }
}
