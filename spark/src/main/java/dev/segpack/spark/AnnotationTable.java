package dev.segpack.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet table of instance annotations that masks-to-parquet writes and parquet-to-coco reads:
 * one row per annotation, with its image and category alongside (a table of annotations needs no
 * join to be used). {@code counts} is the compressed RLE string of a {@code height}×{@code width}
 * mask, {@code area} its pixel count and {@code bbox} its toBbox [x, y, w, h].
 */
final class AnnotationTable {

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("image_id", DataTypes.LongType, false)
            .add("file_name", DataTypes.StringType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("category_id", DataTypes.IntegerType, false)
            .add("category", DataTypes.StringType, false)
            .add("supercategory", DataTypes.StringType, false)
            .add("counts", DataTypes.StringType, false)
            .add("area", DataTypes.LongType, false)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("iscrowd", DataTypes.IntegerType, false);

    private AnnotationTable() {
    }
}
