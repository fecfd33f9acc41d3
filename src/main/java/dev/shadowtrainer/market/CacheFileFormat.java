package dev.shadowtrainer.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The candle cache's CSV layout: the header {@code timestamp,open,high,low,close,volume}, then one
 * row per candle, strictly increasing epoch-millisecond open times (UTC), and prices written in
 * plain decimal notation that parses back to the identical double.
 */
final class CacheFileFormat {
    static final String HEADER = "timestamp,open,high,low,close,volume";

    private CacheFileFormat() {
    }

    static void write(Writer out, Iterable<Candle> candles) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder row = new StringBuilder(96);
        for (Candle c : candles) {
            row.setLength(0);
            row.append(c.openTimeMillis()).append(',').append(number(c.open())).append(',').append(number(c.high()))
                    .append(',').append(number(c.low())).append(',').append(number(c.close())).append(',')
                    .append(number(c.volume())).append('\n');
            out.append(row);
        }
    }

    /**
     * Reads a cache file; anything that is not exactly the layout above is reported as corrupt with
     * the line number, because silently skipping rows would hide holes in the data.
     */
    static List<Candle> read(Path file) throws IOException {
        List<Candle> candles = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw corrupt(file, 1, "expected the header '" + HEADER + "'");
            }
            int lineNumber = 1;
            long previous = Long.MIN_VALUE;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Candle candle = parse(file, lineNumber, line);
                if (candle.openTimeMillis() <= previous) {
                    throw corrupt(file, lineNumber, "timestamps are not strictly increasing");
                }
                previous = candle.openTimeMillis();
                candles.add(candle);
            }
        } catch (CharacterCodingException e) {
            throw corrupt(file, 0, "not UTF-8 text");
        }
        return candles;
    }

    private static Candle parse(Path file, int lineNumber, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw corrupt(file, lineNumber, "expected 6 fields, found " + f.length);
        }
        try {
            return new Candle(Instant.ofEpochMilli(Long.parseLong(f[0].strip())), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]));
        } catch (NumberFormatException e) {
            throw corrupt(file, lineNumber, "not a number in '" + clip(line) + "'");
        }
    }

    private static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : Double.toString(value);
    }

    private static String clip(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }

    static DataException corrupt(Path file, int lineNumber, String reason) {
        String where = lineNumber > 0 ? " at line " + lineNumber : "";
        return new DataException("candle cache file " + file + " is corrupt" + where + " (" + reason
                + "); delete it and download the candles again");
    }
}
