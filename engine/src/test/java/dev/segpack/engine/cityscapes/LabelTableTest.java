package dev.segpack.engine.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTableTest {

    private static final String HEADER = "name,id,trainId,category,categoryId,hasInstances,ignoreInEval,color\n";

    private static LabelTable parse(String csv) throws IOException {
        return LabelTable.parse(new StringReader(csv), "my.csv");
    }

    private static String error(String csv) {
        return assertThrows(IllegalArgumentException.class, () -> parse(csv)).getMessage();
    }

    @Test
    void theCityscapesTableIsLabelsPy() {
        LabelTable t = LabelTable.cityscapes();
        assertEquals(35, t.labels().size());
        assertEquals(new Label("car", 26, 13, "vehicle", 7, true, false, new Label.Rgb(0, 0, 142)),
                t.byName("car").orElseThrow());
        assertEquals(new Label("license plate", -1, -1, "vehicle", 7, false, true, new Label.Rgb(0, 0, 142)),
                t.labels().get(34));
        assertEquals("polegroup", t.byId(18).orElseThrow().name());
        assertEquals(19, t.labels().stream().filter(l -> !l.ignoreInEval()).count());
        assertEquals(10, t.labels().stream().filter(Label::hasInstances).count());
    }

    @Test
    void lookupsBreakTiesAsLabelsPyDoes() {
        LabelTable t = LabelTable.cityscapes();
        // trainId2label is built over reversed(labels): the first label of a trainId wins
        assertEquals("unlabeled", t.byTrainId(255).orElseThrow().name());
        assertEquals("license plate", t.byTrainId(-1).orElseThrow().name());
        assertTrue(t.byTrainId(19).isEmpty());
        // name2label and id2label: the last one wins
        LabelTable dup = new LabelTable(List.of(
                new Label("a", 1, 5, "c", 0, false, false, new Label.Rgb(1, 1, 1)),
                new Label("b", 1, 5, "c", 0, false, false, new Label.Rgb(2, 2, 2)),
                new Label("a", 2, 6, "c", 0, true, false, new Label.Rgb(3, 3, 3))));
        assertEquals(2, dup.byName("a").orElseThrow().id());
        assertEquals("b", dup.byId(1).orElseThrow().name());
        assertEquals("a", dup.byTrainId(5).orElseThrow().name());
        assertEquals(1, dup.byTrainId(5).orElseThrow().id());
    }

    @Test
    void csvAcceptsQuotesBooleansAndColourForms() throws IOException {
        LabelTable t = parse("\uFEFF" + HEADER + "\n\"road, wet\",7,0,flat,1,FALSE,false,\"(128, 64, 128)\"\r\n"
                + " car , 26 , 13 , vehicle , 7 , 1 , 0 , 0 0 142\n"
                + "\"say \"\"hi\"\"\",3,3,x,0,True,1,\"1,2,3\"\n");
        assertEquals(new Label("road, wet", 7, 0, "flat", 1, false, false, new Label.Rgb(128, 64, 128)),
                t.labels().get(0));
        assertEquals(new Label("car", 26, 13, "vehicle", 7, true, false, new Label.Rgb(0, 0, 142)), t.labels().get(1));
        assertEquals("say \"hi\"", t.labels().get(2).name());
        assertTrue(t.labels().get(2).hasInstances());
    }

    @Test
    void csvErrorsNameTheFileAndLine() {
        assertEquals("my.csv:1: the header must be name,id,trainId,category,categoryId,hasInstances,ignoreInEval,color,"
                + " got name,id", error("name,id\n"));
        assertEquals("my.csv: no header line (name,id,trainId,category,categoryId,hasInstances,ignoreInEval,color)",
                error("\n\n"));
        assertEquals("my.csv:3: expected 8 fields, got 7", error(HEADER + "a,1,1,c,0,0,0,1 1 1\nb,1,1,c,0,0,0\n"));
        assertEquals("my.csv:2: trainId 'x' is not an integer", error(HEADER + "a,1,x,c,0,0,0,1 1 1\n"));
        assertEquals("my.csv:2: hasInstances 'yes' is not 0, 1, true or false", error(HEADER + "a,1,1,c,0,yes,0,1 1 1\n"));
        assertEquals("my.csv:2: color '1 1' is not three integers", error(HEADER + "a,1,1,c,0,0,0,1 1\n"));
        assertEquals("my.csv:2: colour channels must be 0..255, got 1 256 1", error(HEADER + "a,1,1,c,0,0,0,1 256 1\n"));
        assertEquals("my.csv:2: label 'a': trainId 256 is outside -1..255", error(HEADER + "a,1,256,c,0,0,0,1 1 1\n"));
        assertEquals("my.csv:2: label 'a': id -2 is outside -1..255", error(HEADER + "a,-2,1,c,0,0,0,1 1 1\n"));
        assertEquals("my.csv:2: a label needs a name", error(HEADER + ",1,1,c,0,0,0,1 1 1\n"));
        assertEquals("my.csv:2: unterminated quoted field 1", error(HEADER + "\"a,1,1,c,0,0,0,1 1 1\n"));
        assertEquals("my.csv:2: text after the closing quote of field 1", error(HEADER + "\"a\"b,1,1,c,0,0,0,1 1 1\n"));
    }

    @Test
    void aTableWithoutUnlabeledCannotRender() throws IOException {
        LabelTable t = parse(HEADER + "road,7,0,flat,1,0,0,1 1 1\n");
        assertFalse(t.byName("unlabeled").isPresent());
        assertThrows(IllegalArgumentException.class, () -> new CityscapesRenderer(t));
    }
}
