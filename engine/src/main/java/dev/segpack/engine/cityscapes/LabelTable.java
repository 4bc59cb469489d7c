package dev.segpack.engine.cityscapes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable label table with labels.py's lookups and their tie rules: {@code name2label} and
 * {@code id2label} give the <em>last</em> label of a name or id (a dict comprehension over the list),
 * {@code trainId2label} the <em>first</em> one of a trainId (the comprehension runs over the reversed list).
 */
public final class LabelTable {

    private static final String CITYSCAPES_RESOURCE = "labels.csv";

    private final List<Label> labels;
    private final Map<String, Label> byName = new HashMap<>();
    private final Map<Integer, Label> byId = new HashMap<>();
    private final Map<Integer, Label> byTrainId = new HashMap<>();

    public LabelTable(List<Label> labels) {
        this.labels = List.copyOf(labels);
        for (Label label : this.labels) {
            byName.put(label.name(), label);
            byId.put(label.id(), label);
            byTrainId.putIfAbsent(label.trainId(), label);
        }
    }

    /** The 35 labels of cityscapesScripts 2.2.4's labels.py, in its order. */
    public static LabelTable cityscapes() {
        try (InputStream in = LabelTable.class.getResourceAsStream(CITYSCAPES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CITYSCAPES_RESOURCE + " is missing from the engine jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), CITYSCAPES_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + CITYSCAPES_RESOURCE, e);
        }
    }

    /** A user's table: a UTF-8 CSV file with labels.py's columns (see {@link LabelTableCsv}). */
    public static LabelTable read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(in, csv.toString());
        }
    }

    /** Parses a CSV table; {@code source} names it in error messages (as {@code source:line: …}). */
    public static LabelTable parse(Reader csv, String source) throws IOException {
        return new LabelTable(LabelTableCsv.parse(csv, source));
    }

    /** The labels in table order. */
    public List<Label> labels() {
        return labels;
    }

    /** name2label: the last label of that name. */
    public Optional<Label> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** id2label: the last label of that id. */
    public Optional<Label> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** trainId2label: the first label of that trainId. */
    public Optional<Label> byTrainId(int trainId) {
        return Optional.ofNullable(byTrainId.get(trainId));
    }
}
