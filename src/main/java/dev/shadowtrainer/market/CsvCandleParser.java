package dev.shadowtrainer.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the two CSV layouts: {@code timestamp,open,high,low,close,volume} and Binance's 12-column
 * klines. Rows that cannot be read are errors; rows that read but make no sense (NaN, high below
 * low, duplicates, disorder) pass through untouched for data quality to judge.
 *
 * <p>The layout is decided by the first line: a header names it; a data row is recognised by its
 * column count (6 or 12), so headerless OHLCV and Binance files both work. Blank lines are not
 * rows and are skipped. Binance columns after volume are counted but not read, as nothing uses them.
 */
final class CsvCandleParser {
    private static final Set<String> TIME_COLUMN_NAMES =
            Set.of("timestamp", "open_time", "open time", "opentime", "date", "datetime", "time");
    private static final List<String> PRICE_COLUMN_NAMES = List.of("open", "high", "low", "close", "volume");
    private static final int READ_COLUMNS = 6;

    private final String where;

    /** @param where the file as the user named it, for error messages */
    CsvCandleParser(String where) {
        this.where = Objects.requireNonNull(where, "where is null");
    }

    /** How the first line of a CSV file sets up the rest. */
    record Layout(CandleFileFormat format, boolean header) {
        Layout {
            Objects.requireNonNull(format, "format is null");
        }
    }

    /** Reads all candles; {@code in} is positioned at the first non-blank line, numbered {@code lineNumber}. */
    List<Candle> parse(BufferedReader in, int lineNumber) throws IOException {
        String first = in.readLine();
        Layout layout = layoutOf(first, lineNumber);
        int columns = layout.format().columns().size();
        String[] fields = new String[READ_COLUMNS];
        List<Candle> candles = new ArrayList<>(1 << 12);
        if (!layout.header()) {
            candles.add(row(first, lineNumber, layout.format(), columns, fields));
        }
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                candles.add(row(line, lineNumber, layout.format(), columns, fields));
            }
        }
        if (candles.isEmpty()) {
            throw new DataException(where + " has a header but no candle rows; add rows below the header"
                    + " or use --source synthetic");
        }
        return candles;
    }

    /** Decides the layout from the first non-blank line, or explains why it is not a candle CSV. */
    Layout layoutOf(String line, int lineNumber) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        if (CandleFileText.looksBinary(text) || text.indexOf(',') < 0) {
            throw unknownFormat();
        }
        List<String> names = split(text);
        String firstName = names.get(0);
        boolean data = !firstName.isEmpty() && Character.isDigit(firstName.charAt(0));
        if (data) {
            if (names.size() == CandleFileFormat.OHLCV_CSV.columns().size()) {
                return new Layout(CandleFileFormat.OHLCV_CSV, false);
            }
            if (names.size() == CandleFileFormat.BINANCE_KLINE_CSV.columns().size()) {
                return new Layout(CandleFileFormat.BINANCE_KLINE_CSV, false);
            }
            throw new DataException(where + " line " + lineNumber + ": first row has " + names.size()
                    + " columns; expected 6 (" + CandleFileFormat.OHLCV_CSV.columnList() + ") or 12 (Binance kline "
                    + CandleFileFormat.BINANCE_KLINE_CSV.columnList() + ")");
        }
        if (isHeaderOf(names, CandleFileFormat.OHLCV_CSV)) {
            return new Layout(CandleFileFormat.OHLCV_CSV, true);
        }
        if (isHeaderOf(names, CandleFileFormat.BINANCE_KLINE_CSV)) {
            return new Layout(CandleFileFormat.BINANCE_KLINE_CSV, true);
        }
        throw new DataException(where + " line " + lineNumber + ": unexpected header "
                + CandleFileText.shown(text) + "; expected columns " + CandleFileFormat.OHLCV_CSV.columnList()
                + " (or the 12 Binance kline columns " + CandleFileFormat.BINANCE_KLINE_CSV.columnList() + ")");
    }

    private DataException unknownFormat() {
        return new DataException(where + ": unknown format; expected a CSV with header "
                + CandleFileFormat.OHLCV_CSV.columnList() + ", a 12-column Binance kline CSV,"
                + " or freqtrade JSON [[ms,open,high,low,close,volume],...]");
    }

    private static boolean isHeaderOf(List<String> names, CandleFileFormat format) {
        if (names.size() != format.columns().size()) {
            return false;
        }
        if (!TIME_COLUMN_NAMES.contains(names.get(0).toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < PRICE_COLUMN_NAMES.size(); i++) {
            if (!PRICE_COLUMN_NAMES.get(i).equalsIgnoreCase(names.get(i + 1))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int comma;
        while ((comma = line.indexOf(',', from)) >= 0) {
            parts.add(CandleFileText.field(line, from, comma));
            from = comma + 1;
        }
        parts.add(CandleFileText.field(line, from, line.length()));
        return parts;
    }

    private Candle row(String line, int lineNumber, CandleFileFormat format, int columns, String[] fields) {
        int count = 0;
        int from = 0;
        int comma;
        while ((comma = line.indexOf(',', from)) >= 0) {
            if (count < READ_COLUMNS) {
                fields[count] = CandleFileText.field(line, from, comma);
            }
            count++;
            from = comma + 1;
        }
        if (count < READ_COLUMNS) {
            fields[count] = CandleFileText.field(line, from, line.length());
        }
        count++;
        if (count != columns) {
            throw new DataException(where + " line " + lineNumber + ": expected " + columns + " columns ("
                    + format.columnList() + "), found " + count + "; fix or delete that line");
        }
        Instant openTime;
        try {
            openTime = CandleTimestamp.parse(fields[0]);
        } catch (IllegalArgumentException e) {
            throw new DataException(where + " line " + lineNumber + " column '" + format.columns().get(0) + "': "
                    + CandleFileText.shown(fields[0]) + " is not a timestamp (" + e.getMessage()
                    + "); fix or delete that line");
        }
        return new Candle(openTime,
                number(fields, 1, lineNumber, format),
                number(fields, 2, lineNumber, format),
                number(fields, 3, lineNumber, format),
                number(fields, 4, lineNumber, format),
                number(fields, 5, lineNumber, format));
    }

    private double number(String[] fields, int column, int lineNumber, CandleFileFormat format) {
        try {
            return CandleFileText.number(fields[column]);
        } catch (IllegalArgumentException e) {
            throw new DataException(where + " line " + lineNumber + " column '" + format.columns().get(column)
                    + "': " + CandleFileText.shown(fields[column]) + " is not a number; fix or delete that line");
        }
    }
}
