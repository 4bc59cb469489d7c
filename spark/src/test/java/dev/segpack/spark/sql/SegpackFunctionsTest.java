package dev.segpack.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.simd.TestMasks;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.spark.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL functions on the pycocotools golden rows (testdata/golden): the results the engine gives there. */
class SegpackFunctionsTest {

    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType);
    private static final DataType LONGS = DataTypes.createArrayType(DataTypes.LongType);

    private static SparkSession spark;

    @BeforeAll
    static void register() {
        spark = LocalSpark.session();
        SegpackFunctions.register(spark);
    }

    /** The golden file's rows as a table of {@code schema}, each row made by {@code row}, queried by {@code select}. */
    private static List<Row> query(String golden, StructType schema, Function<JsonNode, Row> row, String select) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode g : Testdata.jsonLines(golden)) {
            rows.add(row.apply(g));
        }
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        table.createOrReplaceTempView("golden");
        List<Row> out = spark.sql("SELECT " + select + " FROM golden").collectAsList();
        assertEquals(rows.size(), out.size());
        return out;
    }

    private static StructType sized(StructType columns) {
        return columns.add("h", DataTypes.IntegerType).add("w", DataTypes.IntegerType);
    }

    private static Long[] longs(JsonNode array) {
        Long[] out = new Long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }

    @Test
    void areaBboxCountsAndDecodeOfEncodedMasks() {
        StructType schema = sized(new StructType().add("string", DataTypes.StringType).add("counts", LONGS));
        List<JsonNode> golden = Testdata.jsonLines("golden/encode.jsonl.gz");
        List<Row> out = query("golden/encode.jsonl.gz", schema,
                g -> RowFactory.create(g.get("string").asText(), longs(g.get("counts")), g.get("h").asInt(),
                        g.get("w").asInt()),
                "rle_area(string, h, w), rle_bbox(string, h, w), rle_to_counts(string, h, w),"
                        + " rle_from_counts(counts, h, w), rle_decode(string, h, w)");
        for (int i = 0; i < out.size(); i++) {
            JsonNode g = golden.get(i);
            Row r = out.get(i);
            String row = "row " + i;
            assertEquals(g.get("area").asLong(), r.getLong(0), row);
            assertArrayEquals(Testdata.doubles(g.get("bbox")),
                    r.<Double>getList(1).stream().mapToDouble(Double::doubleValue).toArray(), 0.0, row);
            assertArrayEquals(longs(g.get("counts")), r.<Long>getList(2).toArray(new Long[0]), row);
            assertEquals(g.get("string").asText(), r.getString(3), row);
            assertArrayEquals(TestMasks.pixels(Testdata.ints(g.get("counts")), g.get("h").asInt(), g.get("w").asInt()),
                    (byte[]) r.get(4), row);
        }
    }

    @Test
    void uncompressedCountsToStrings() {
        List<JsonNode> golden = Testdata.jsonLines("golden/uncompressed.jsonl.gz");
        List<Row> out = query("golden/uncompressed.jsonl.gz", sized(new StructType().add("counts", LONGS)),
                g -> RowFactory.create(longs(g.get("counts")), g.get("h").asInt(), g.get("w").asInt()),
                "rle_from_counts(counts, h, w)");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(golden.get(i).get("string").asText(), out.get(i).getString(0), "row " + i);
        }
    }

    @Test
    void mergeOfRleColumns() {
        List<JsonNode> golden = Testdata.jsonLines("golden/merge.jsonl.gz");
        StructType schema = sized(new StructType().add("inputs", STRINGS).add("intersect", DataTypes.BooleanType));
        List<Row> out = query("golden/merge.jsonl.gz", schema,
                g -> RowFactory.create(strings(g.get("inputs")), g.get("intersect").asBoolean(), g.get("h").asInt(),
                        g.get("w").asInt()),
                "rle_merge(inputs, h, w, intersect)");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(golden.get(i).get("string").asText(), out.get(i).getString(0), "row " + i);
        }
    }

    @Test
    void iouOfEveryPairOfTheRleRows() {
        StructType schema = sized(new StructType().add("dt", DataTypes.StringType).add("gt", DataTypes.StringType)
                .add("iscrowd", DataTypes.BooleanType));
        List<Row> rows = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (JsonNode g : Testdata.jsonLines("golden/iou.jsonl.gz")) {
            if (!g.get("kind").asText().equals("rle")) {
                continue;
            }
            for (int d = 0; d < g.get("dt").size(); d++) {
                for (int t = 0; t < g.get("gt").size(); t++) {
                    rows.add(RowFactory.create(g.get("dt").get(d).asText(), g.get("gt").get(t).asText(),
                            g.get("iscrowd").get(t).asInt() != 0, g.get("h").asInt(), g.get("w").asInt()));
                    expected.add(g.get("iou").get(d).get(t).asDouble());
                }
            }
        }
        spark.createDataFrame(rows, schema).createOrReplaceTempView("pairs");
        List<Row> out = spark.sql("SELECT rle_iou(dt, gt, h, w, iscrowd) FROM pairs").collectAsList();
        assertTrue(out.size() > 100);
        for (int i = 0; i < out.size(); i++) {
            assertEquals(expected.get(i), out.get(i).getDouble(0), 0.0, "pair " + i);
        }
    }

    @Test
    void polygonsToRleAsAnnToRle() {
        List<JsonNode> golden = Testdata.jsonLines("golden/polygon.jsonl.gz");
        StructType schema = sized(new StructType().add("polygons",
                DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType))));
        List<Row> out = query("golden/polygon.jsonl.gz", schema, g -> {
            List<double[]> polygons = new ArrayList<>();
            g.get("polygons").forEach(p -> polygons.add(Testdata.doubles(p)));
            return RowFactory.create(polygons.toArray(new double[0][]), g.get("h").asInt(), g.get("w").asInt());
        }, "rle_from_polygons(polygons, h, w)");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(golden.get(i).get("string").asText(), out.get(i).getString(0), "row " + i);
        }
    }

    @Test
    void malformedCountsFailNamingTheRowOrGiveNullWhenSkipped() {
        StructType schema = sized(new StructType().add("counts", LONGS));
        Function<JsonNode, Row> row = g -> RowFactory.create(longs(g.get("counts")), g.get("h").asInt(),
                g.get("w").asInt());
        Exception e = assertThrows(Exception.class,
                () -> query("golden/malformed.jsonl.gz", schema, row, "rle_from_counts(counts, h, w)"));
        Throwable cause = e;
        while (!(cause instanceof InvalidRleException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertInstanceOf(InvalidRleException.class, cause, () -> "no InvalidRleException in " + e);
        assertTrue(cause.getMessage().startsWith("rle_from_counts: invalid row (1x7 mask, "), cause.getMessage());

        SparkSession skipping = spark.newSession();
        SegpackFunctions.register(skipping, true);
        List<Row> rows = new ArrayList<>();
        Testdata.jsonLines("golden/malformed.jsonl.gz").forEach(g -> rows.add(row.apply(g)));
        List<Row> out = skipping.createDataFrame(rows, schema)
                .selectExpr("rle_from_counts(counts, h, w)", "rle_area('0a', h, w)").collectAsList();
        assertEquals(rows.size(), out.size());
        for (Row r : out) {
            assertNull(r.get(0));
            assertNull(r.get(1));
        }
    }
}
