package dev.segpack.spark;

import dev.segpack.cityscapes.CityscapesRender;
import dev.segpack.cityscapes.GtFolder;
import dev.segpack.cli.CityscapesRenderOptions;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code segpack spark cityscapes-render}: {@code segpack cityscapes render} with the frames drawn on
 * Spark's executors. The driver lists the frames as the command does ({@link GtFolder#frames}), Spark's
 * binaryFile source reads those polygon files on the executors, and each task renders its frames with
 * the command's own renderer ({@link CityscapesRender#render(Iterator)}: one canvas of off-heap maps
 * and one PNG encoder per task, freed at its end) and writes each PNG atomically where the command
 * writes it. A frame that cannot be drawn fails the job with one line naming the file and the object.
 *
 * <p>The executors write by absolute path (and read --labels on the driver): on a cluster the output
 * folder must be on a file system every node mounts at the same place.
 */
@Command(name = "cityscapes-render", mixinStandardHelpOptions = true,
        description = {"segpack cityscapes render on Spark: the label, colour and instance PNGs of every frame that"
                + " 'segpack cityscapes render' writes, identical and at the same paths.",
                "--partitions N shares the frames out in N partitions (default: Spark's splits of the files)."})
final class CityscapesRenderJob extends SparkJob {

    @Mixin
    CityscapesRenderOptions options;

    @Override
    String run(SparkSession spark) throws IOException {
        long start = System.nanoTime();
        CityscapesRender.Options render = options.renderOptions(false, 1);
        Path labels = options.labelsFile();
        long[] counts = render(spark, options.root(), new Renderer(render.types(),
                labels == null ? null : Files.readString(labels), String.valueOf(labels), render.outRoot()), partitions);
        return options.summary(new CityscapesRender.Summary(counts[0], 0, counts[1], counts[2],
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * What an executor renders with: the images, the label table (its CSV text, or null for labels.py's)
     * and the output root (null: next to each JSON).
     */
    record Renderer(Set<ImageType> types, String labelsCsv, String labelsSource, String outRoot)
            implements Serializable {

        Renderer(Set<ImageType> types, String labelsCsv, String labelsSource, Path outRoot) {
            this(types, labelsCsv, labelsSource, outRoot == null ? null : outRoot.toAbsolutePath().toString());
        }

        CityscapesRender renderer() throws IOException {
            LabelTable table = labelsCsv == null ? LabelTable.cityscapes()
                    : LabelTable.parse(new StringReader(labelsCsv), labelsSource);
            return new CityscapesRender(new CityscapesRender.Options(types, table,
                    outRoot == null ? null : Path.of(outRoot), false, 1), Progress.NONE, System.err::println);
        }
    }

    /**
     * Renders every frame under {@code root} in {@code partitions} partitions (0: Spark's splits of the
     * files); returns {frames, objects, images}.
     */
    static long[] render(SparkSession spark, Path root, Renderer renderer, int partitions) throws IOException {
        List<GtFolder.FrameFile> frames = GtFolder.frames(root);
        if (frames.isEmpty()) {
            return new long[3];
        }
        Dataset<Row> files = binaryFiles(spark, frames.stream().map(f -> f.json().toAbsolutePath()).toList());
        if (partitions > 0) {
            files = files.repartition(partitions);
        }
        return files.javaRDD().mapPartitions(rows -> renderPartition(renderer, rows))
                .reduce((a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
    }

    /** One partition's frames rendered, on an executor; gives its {frames, objects, images}. */
    private static Iterator<long[]> renderPartition(Renderer renderer, Iterator<Row> rows) throws IOException {
        Iterator<CityscapesRender.FrameBytes> frames = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public CityscapesRender.FrameBytes next() {
                Row row = rows.next();
                return new CityscapesRender.FrameBytes(frameFile(row.getString(0)), row.getAs(1));
            }
        };
        CityscapesRender.Summary s = renderer.renderer().render(frames);
        return List.of(new long[] {s.frames(), s.objects(), s.images()}).iterator();
    }

    /** The frame of a polygons file that Spark names by its URI, as {@link GtFolder#frames} describes it. */
    private static GtFolder.FrameFile frameFile(String uri) {
        Path json = localPath(uri);
        String name = json.getFileName().toString();
        return new GtFolder.FrameFile(json, json.getParent().getParent().getFileName().toString(),
                json.getParent().getFileName().toString(), name.substring(0, name.length() - "_polygons.json".length()));
    }
}
