package dev.shadowtrainer.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads freqtrade's JSON candle files, {@code [[ms,open,high,low,close,volume],...]}, with
 * Jackson's streaming parser so large files never become a tree in memory. {@code NaN},
 * {@code Infinity} and {@code null} prices are read as values (Python's json and pandas write
 * them) and left for data quality to judge.
 */
final class FreqtradeJsonParser {
    private static final CandleFileFormat FORMAT = CandleFileFormat.FREQTRADE_JSON;
    private static final int VALUES = FORMAT.columns().size();

    private final String where;
    private final JsonFactory json = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** @param where the file as the user named it, for error messages */
    FreqtradeJsonParser(String where) {
        this.where = Objects.requireNonNull(where, "where is null");
    }

    /** Reads all candles; {@code in} starts at the opening bracket, on line {@code firstLine} of the file. */
    List<Candle> parse(Reader in, int firstLine) throws IOException {
        int lineOffset = firstLine - 1;
        try (JsonParser p = json.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw rowError(p, lineOffset, "expected '[' to open the candle list");
            }
            List<Candle> candles = new ArrayList<>(1 << 12);
            double[] values = new double[VALUES];
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_ARRAY) {
                    throw rowError(p, lineOffset, "expected a row [ms,open,high,low,close,volume], found "
                            + describe(p, token));
                }
                candles.add(row(p, lineOffset, values));
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw rowError(p, lineOffset, "unexpected " + describe(p, trailing) + " after the candle list");
            }
            if (candles.isEmpty()) {
                throw new DataException(where + " holds an empty candle list; export candles into it"
                        + " or use --source synthetic");
            }
            return candles;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr() + lineOffset;
            String reason = firstLine(e.getOriginalMessage());
            throw new DataException(where + (line > 0 ? " line " + line : "") + ": malformed or truncated JSON ("
                    + reason + "); expected freqtrade's [[ms,open,high,low,close,volume],...]", e);
        }
    }

    private Candle row(JsonParser p, int lineOffset, double[] values) throws IOException {
        JsonToken token = p.nextToken();
        Instant openTime = openTime(p, lineOffset, token);
        for (int i = 1; i < VALUES; i++) {
            token = p.nextToken();
            if (token == JsonToken.END_ARRAY) {
                throw rowError(p, lineOffset, "row has " + i + " values; expected " + VALUES
                        + " [ms,open,high,low,close,volume]");
            }
            values[i] = value(p, lineOffset, token, i);
        }
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw rowError(p, lineOffset, "row has more than " + VALUES
                    + " values; expected [ms,open,high,low,close,volume]");
        }
        return new Candle(openTime, values[1], values[2], values[3], values[4], values[5]);
    }

    private Instant openTime(JsonParser p, int lineOffset, JsonToken token) throws IOException {
        try {
            if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return CandleTimestamp.fromEpochNumber(p.getLongValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double ms = p.getDoubleValue();
                if (ms == Math.rint(ms) && ms >= 0 && ms < Long.MAX_VALUE) {
                    return CandleTimestamp.fromEpochNumber((long) ms);
                }
            }
            if (token == JsonToken.VALUE_STRING) {
                return CandleTimestamp.parse(p.getText().trim());
            }
        } catch (IllegalArgumentException e) {
            throw rowError(p, lineOffset, "value 'timestamp': " + describe(p, token) + " is not a timestamp ("
                    + e.getMessage() + ")");
        }
        if (token == JsonToken.END_ARRAY) {
            throw rowError(p, lineOffset, "row is empty; expected [ms,open,high,low,close,volume]");
        }
        throw rowError(p, lineOffset, "value 'timestamp': " + describe(p, token)
                + " is not a timestamp (expected epoch milliseconds)");
    }

    private double value(JsonParser p, int lineOffset, JsonToken token, int column) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        throw rowError(p, lineOffset, "value '" + FORMAT.columns().get(column) + "': " + describe(p, token)
                + " is not a number");
    }

    private DataException rowError(JsonParser p, int lineOffset, String what) {
        int line = p.currentLocation().getLineNr() + lineOffset;
        return new DataException(where + " line " + line + ": " + what + "; fix or delete that row");
    }

    private static String describe(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            return "end of file";
        }
        if (token.isScalarValue()) {
            return CandleFileText.shown(p.getText());
        }
        return switch (token) {
            case START_ARRAY -> "a nested list";
            case START_OBJECT -> "an object";
            default -> CandleFileText.shown(token.asString() == null ? token.name() : token.asString());
        };
    }

    /** Jackson's reason without its location details, which would break the one-line message. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String reason = message;
        for (String cut : new String[] {"\n", " (start marker", " at [Source"}) {
            int end = reason.indexOf(cut);
            if (end >= 0) {
                reason = reason.substring(0, end);
            }
        }
        return reason.length() > 100 ? reason.substring(0, 100) + "..." : reason;
    }
}
