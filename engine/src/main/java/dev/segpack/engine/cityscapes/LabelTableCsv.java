package dev.segpack.engine.cityscapes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV form of a label table: a header line {@code name,id,trainId,category,categoryId,hasInstances,
 * ignoreInEval,color}, then one label per line. Booleans are 0/1 or true/false (any case); the colour is
 * three integers separated by spaces or commas, optionally in parentheses ({@code 0 0 142},
 * {@code "(0, 0, 142)"}). Fields may be double-quoted ({@code ""} inside quotes is a quote); blank lines
 * are skipped. Every error names the source and the line.
 */
final class LabelTableCsv {

    static final List<String> COLUMNS = List.of(
            "name", "id", "trainId", "category", "categoryId", "hasInstances", "ignoreInEval", "color");

    private LabelTableCsv() {
    }

    static List<Label> parse(Reader csv, String source) throws IOException {
        BufferedReader in = new BufferedReader(csv);
        List<Label> labels = new ArrayList<>();
        boolean header = true;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + lineNumber + ": ";
            List<String> fields = fields(line, where);
            if (header) {
                if (!fields.equals(COLUMNS)) {
                    throw new IllegalArgumentException(where + "the header must be " + String.join(",", COLUMNS)
                            + ", got " + String.join(",", fields));
                }
                header = false;
                continue;
            }
            if (fields.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(where + "expected " + COLUMNS.size() + " fields, got " + fields.size());
            }
            try {
                labels.add(new Label(fields.get(0), integer(fields, 1), integer(fields, 2), fields.get(3),
                        integer(fields, 4), bool(fields, 5), bool(fields, 6), color(fields.get(7))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        if (header) {
            throw new IllegalArgumentException(source + ": no header line (" + String.join(",", COLUMNS) + ")");
        }
        return labels;
    }

    private static List<String> fields(String line, String where) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException(where + "unterminated quoted field " + (fields.size() + 1));
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    if (!Character.isWhitespace(line.charAt(i++))) {
                        throw new IllegalArgumentException(where + "text after the closing quote of field "
                                + (fields.size() + 1));
                    }
                }
                fields.add(field.toString());
            } else {
                int end = line.indexOf(',', i);
                fields.add(line.substring(i, end < 0 ? line.length() : end).strip());
                i = end < 0 ? line.length() : end;
            }
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static int integer(List<String> fields, int column) {
        try {
            return Integer.parseInt(fields.get(column));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(COLUMNS.get(column) + " '" + fields.get(column) + "' is not an integer");
        }
    }

    private static boolean bool(List<String> fields, int column) {
        return switch (fields.get(column).toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(COLUMNS.get(column) + " '" + fields.get(column)
                    + "' is not 0, 1, true or false");
        };
    }

    private static Label.Rgb color(String text) {
        String inner = text.strip();
        if (inner.startsWith("(") && inner.endsWith(")")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        String[] parts = inner.strip().split("[\\s,]+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("color '" + text + "' is not three integers");
        }
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                rgb[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("color '" + text + "' is not three integers");
            }
        }
        return new Label.Rgb(rgb[0], rgb[1], rgb[2]);
    }
}
