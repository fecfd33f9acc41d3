package dev.shadowtrainer.report;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CSV file as the run folder's writers make it ({@link CsvWriter}: RFC 4180, a header row, empty cells for
 * missing numbers), read whole into memory by column name. Quoted cells may hold commas and doubled quotes;
 * a quoted cell never spans lines in these files, so a line is a row.
 */
final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;

    private CsvTable(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.rows = rows;
    }

    /**
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the file cannot be read, is empty or
     *                                a row has another number of cells than the header
     */
    static CsvTable read(Path file) {
        Objects.requireNonNull(file, "file is null");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw bad(file, "is empty (no header row)");
            }
            List<String> header = split(first);
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = split(line);
                if (cells.size() != header.size()) {
                    throw bad(file, "line " + lineNo + " has " + cells.size() + " cells for " + header.size()
                            + " columns");
                }
                rows.add(cells.toArray(new String[0]));
            }
            return new CsvTable(file, header, rows);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "cannot read " + file + ": " + e
                    + "; check the run folder is readable");
        }
    }

    private static ShadowTrainerException bad(Path file, String what) {
        return new ShadowTrainerException(ExitCodes.BAD_DATA, file + " " + what
                + "; the run folder is damaged, train the run again to rewrite it");
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    int size() {
        return rows.size();
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    String text(int row, String column) {
        return rows.get(row)[column(column)];
    }

    /** The cell as a number; an empty cell is NaN. */
    double number(int row, String column) {
        String cell = text(row, column);
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw bad(file, "row " + (row + 1) + " column " + column + " holds '" + cell + "', not a number");
        }
    }

    double[] numbers(String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(i, column);
        }
        return out;
    }

    private int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw bad(file, "has no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }
}
