package dev.segpack.spark;

import dev.segpack.cli.OutputFileOption;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.CocoFileWriter;
import dev.segpack.io.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segpack spark parquet-to-coco}: a COCO instances file from an {@link AnnotationTable}, laid
 * out as {@code masks to-coco} writes it (categories, then images and annotations one per line, by
 * id), through the project's COCO file writer; the driver holds the images and categories, and one
 * range of annotations at a time. Images and categories are those the table's rows
 * name: a table made from masks whose every image and category has an annotation gives back the
 * {@code masks to-coco --format rle} file byte for byte.
 */
@Command(name = "parquet-to-coco", mixinStandardHelpOptions = true,
        description = "A COCO instances JSON file from a table that masks-to-parquet wrote.")
final class ParquetToCocoJob extends SparkJob {

    @Option(names = "--in", required = true, paramLabel = "TABLE", description = "Parquet table (a folder) to read.")
    Path in;

    @Mixin
    OutputFileOption out;

    @Override
    String run(SparkSession spark) throws IOException {
        long start = System.nanoTime();
        long[] counts = write(spark, in, out.file);
        return String.format(Locale.ROOT, "%d images, %d annotations, %.2f s -> %s", counts[0], counts[1],
                (System.nanoTime() - start) / 1e9, out.file);
    }

    /** Writes the COCO file of table {@code in} to {@code out}; returns {images, annotations}. */
    static long[] write(SparkSession spark, Path in, Path out) throws IOException {
        Dataset<Row> table = spark.read().schema(AnnotationTable.SCHEMA).parquet(in.toAbsolutePath().toString());
        List<Row> categories = table.select("category_id", "category", "supercategory").distinct()
                .orderBy("category_id").collectAsList();
        try (CocoFileWriter writer = new CocoFileWriter(out, categoriesField(categories))) {
            for (Row r : table.select("image_id", "file_name", "height", "width").distinct().orderBy("image_id")
                    .collectAsList()) {
                writer.image(JsonText.render(gen -> {
                    gen.writeStartObject();
                    gen.writeNumberField("id", r.getLong(0));
                    gen.writeStringField("file_name", r.getString(1));
                    gen.writeNumberField("height", r.getInt(2));
                    gen.writeNumberField("width", r.getInt(3));
                    gen.writeEndObject();
                }));
            }
            // as many sorted ranges as the table has partitions, fetched one at a time
            Iterator<Row> annotations = table.repartitionByRange(table.rdd().getNumPartitions(), table.col("id"))
                    .sortWithinPartitions("id").toLocalIterator();
            while (annotations.hasNext()) {
                Row r = annotations.next();
                writer.annotation(r.getAs("id"), JsonText.renderFields(gen -> {
                    gen.writeNumberField("image_id", r.<Long>getAs("image_id"));
                    gen.writeNumberField("category_id", r.<Integer>getAs("category_id"));
                    gen.writeFieldName("segmentation");
                    JsonText.writeCompressedRle(gen, RleString.decode(r.getAs("height"), r.getAs("width"),
                            r.<String>getAs("counts")));
                    gen.writeNumberField("area", r.<Long>getAs("area"));
                    gen.writeFieldName("bbox");
                    gen.writeStartArray();
                    for (double v : r.<Double>getList(r.fieldIndex("bbox"))) {
                        JsonText.writeDouble(gen, v);
                    }
                    gen.writeEndArray();
                    gen.writeNumberField("iscrowd", r.<Integer>getAs("iscrowd"));
                }));
            }
            long[] counts = {writer.images(), writer.annotations()};
            writer.commit();
            return counts;
        }
    }

    /** {@code "categories":[{"id":1,"name":"…","supercategory":"…"},…]}, as masks to-coco writes them. */
    private static byte[] categoriesField(List<Row> categories) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("\"categories\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < categories.size(); i++) {
            Row c = categories.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write(JsonText.render(gen -> {
                gen.writeStartObject();
                gen.writeNumberField("id", c.getInt(0));
                gen.writeStringField("name", c.getString(1));
                gen.writeStringField("supercategory", c.getString(2));
                gen.writeEndObject();
            }));
        }
        out.write(']');
        return out.toByteArray();
    }
}
