package dev.shadowtrainer.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TradeRecords;
import dev.shadowtrainer.sim.ExitReason;
import dev.shadowtrainer.sim.MarketData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live system's closed trades, to be stored in the trade memory as kind {@code live}. A file is CSV
 * (a header row naming the columns, comma-separated, no quoting) or, when its name ends in {@code .json}, a
 * JSON array of objects with the same keys:
 * <ul>
 *   <li>{@code trade_id}: the live system's id, unique per symbol (importing a trade again adds nothing);</li>
 *   <li>{@code symbol}: BASE/QUOTE, the nightly's symbol;</li>
 *   <li>{@code entry_time}, {@code exit_time}: ISO-8601 instants in UTC, e.g. 2025-06-30T12:15:00Z;</li>
 *   <li>{@code entry_price}, {@code exit_price}: fill prices, above 0;</li>
 *   <li>{@code size}: notional in quote currency, above 0;</li>
 *   <li>{@code fees}: fees paid in quote currency, 0 or more;</li>
 *   <li>{@code leverage} (optional, default 1): 1 or more;</li>
 *   <li>{@code exit_reason} (optional, default AGENT_EXIT): TAKE_PROFIT, STOP_LOSS, TIMEOUT, AGENT_EXIT,
 *       LIQUIDATION or CIRCUIT_BREAKER.</li>
 * </ul>
 * pnl is size x leverage x (exit / entry - 1) - fees. The whole file is checked before anything is stored;
 * a bad row is one error naming the file and line (exit code 3) and nothing is imported.
 */
public final class LiveTrades {
    public static final List<String> REQUIRED = List.of("trade_id", "symbol", "entry_time", "exit_time", "entry_price",
            "exit_price", "size", "fees");
    public static final List<String> OPTIONAL = List.of("leverage", "exit_reason");

    private LiveTrades() {
    }

    /** One trade as read, with the line it came from. */
    public record Row(int line, String tradeId, String symbol, Instant entry, Instant exit, double entryPrice,
                      double exitPrice, double size, double fees, double leverage, String exitReason) {
    }

    /** Reads and checks every row of {@code file}. */
    public static List<Row> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("cannot read live trades file " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path given to --live-trades");
        }
        List<Row> rows = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? json(file, text) : csv(file, text);
        Set<String> ids = new HashSet<>();
        for (Row r : rows) {
            if (!ids.add(r.symbol() + "|" + r.tradeId())) {
                throw bad(file, r.line(), "trade_id " + r.tradeId() + " appears twice");
            }
        }
        return rows;
    }

    private static List<Row> csv(Path file, String text) {
        String[] lines = text.split("\\R", -1);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            if (header == null) {
                header = cells;
                checkColumns(file, i + 1, header);
                continue;
            }
            if (cells.size() != header.size()) {
                throw bad(file, i + 1, cells.size() + " cells but the header has " + header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), cells.get(c));
            }
            rows.add(row(file, i + 1, values));
        }
        if (header == null) {
            throw bad(file, 1, "no header row; the first line must name the columns " + REQUIRED);
        }
        return rows;
    }

    private static List<Row> json(Path file, String text) {
        ObjectMapper mapper = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        int line = 1;
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw bad(file, 1, "not a JSON array of trade objects");
            }
            while (true) {
                JsonToken token = parser.nextToken();
                line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.END_ARRAY) {
                    break;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw bad(file, line, "expected a trade object");
                }
                JsonNode node = mapper.readTree(parser);
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                checkColumns(file, line, keys);
                Map<String, String> values = new LinkedHashMap<>();
                for (String k : keys) {
                    JsonNode v = node.get(k);
                    values.put(k, v.isNull() ? "" : v.asText());
                }
                rows.add(row(file, line, values));
            }
        } catch (IOException e) {
            throw bad(file, line, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return rows;
    }

    private static void checkColumns(Path file, int line, List<String> names) {
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw bad(file, line, "column " + required + " is missing (required: " + REQUIRED + ", optional: "
                        + OPTIONAL + ")");
            }
        }
        for (String name : names) {
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw bad(file, line, "unknown column " + name + " (required: " + REQUIRED + ", optional: "
                        + OPTIONAL + ")");
            }
        }
    }

    private static Row row(Path file, int line, Map<String, String> v) {
        String id = v.get("trade_id");
        if (id.isEmpty()) {
            throw bad(file, line, "trade_id is empty");
        }
        Instant entry = time(file, line, "entry_time", v.get("entry_time"));
        Instant exit = time(file, line, "exit_time", v.get("exit_time"));
        if (exit.isBefore(entry)) {
            throw bad(file, line, "exit_time " + exit + " is before entry_time " + entry);
        }
        double entryPrice = number(file, line, "entry_price", v.get("entry_price"), 0, true);
        double exitPrice = number(file, line, "exit_price", v.get("exit_price"), 0, true);
        double size = number(file, line, "size", v.get("size"), 0, true);
        double fees = number(file, line, "fees", v.get("fees"), 0, false);
        String lev = v.getOrDefault("leverage", "");
        double leverage = lev.isEmpty() ? 1 : number(file, line, "leverage", lev, 1, false);
        String reason = v.getOrDefault("exit_reason", "");
        reason = reason.isEmpty() ? ExitReason.AGENT_EXIT.name() : reason.toUpperCase(Locale.ROOT);
        try {
            if (ExitReason.valueOf(reason) == ExitReason.END_OF_DATA) {
                throw new IllegalArgumentException(reason);
            }
        } catch (IllegalArgumentException e) {
            throw bad(file, line, "exit_reason " + reason + " is not one of TAKE_PROFIT, STOP_LOSS, TIMEOUT, "
                    + "AGENT_EXIT, LIQUIDATION, CIRCUIT_BREAKER");
        }
        return new Row(line, id, v.get("symbol"), entry, exit, entryPrice, exitPrice, size, fees, leverage, reason);
    }

    private static Instant time(Path file, int line, String column, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(file, line, column + " '" + text + "' is not an ISO-8601 UTC instant such as 2025-06-30T12:15:00Z");
        }
    }

    private static double number(Path file, int line, String column, String text, double min, boolean exclusive) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(file, line, column + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(value) || value < min || (exclusive && value == min)) {
            throw bad(file, line, column + " " + text + " must be " + (exclusive ? "above " : "at least ") + min);
        }
        return value;
    }

    /**
     * The rows as trade_memory rows of {@code runId}, features and embedding from the last bar closed before
     * each entry, the best and worst price between entry and exit from the candles.
     *
     * @throws DataException naming the file and line when a row is of another symbol or outside the candles
     */
    public static List<StoredTrade> records(Path file, List<Row> rows, MarketData market, String runId) {
        CandleSeries s = market.candles();
        TradeRecords records = new TradeRecords(market, s.id(), runId);
        long step = s.id().timeframe().millis();
        List<StoredTrade> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.symbol().equalsIgnoreCase(s.id().symbol().toString())) {
                throw bad(file, r.line(), "symbol " + r.symbol() + " is not the nightly's symbol " + s.id().symbol()
                        + "; import it with a nightly for that symbol or leave the row out");
            }
            // The last bar whose close is at or before the entry: all the live trader could have seen.
            int bar = s.startOfTime(r.entry().toEpochMilli() - step + 1) - 1;
            if (bar < 0 || r.exit().toEpochMilli() > s.closeTime(s.size() - 1)
                    || !market.features().isUsable(bar)) {
                throw bad(file, r.line(), "trade " + r.tradeId() + " (" + r.entry() + " to " + r.exit() + ") lies "
                        + "outside the loaded candles with warm features (" + s.firstOpen() + " to " + s.lastOpen()
                        + "); raise nightly.train_days or leave the row out");
            }
            double high = r.entryPrice();
            double low = r.entryPrice();
            for (int i = bar + 1; i < s.size() && s.openTime(i) < r.exit().toEpochMilli(); i++) {
                high = Math.max(high, s.high(i));
                low = Math.min(low, s.low(i));
            }
            try {
                out.add(records.live(r.tradeId(), bar, r.entry(), r.exit(), r.entryPrice(), r.exitPrice(), r.size(),
                        r.leverage(), r.fees(), r.exitReason(), 100 * (high / r.entryPrice() - 1),
                        100 * (low / r.entryPrice() - 1)));
            } catch (IllegalArgumentException e) {
                throw bad(file, r.line(), e.getMessage());
            }
        }
        return out;
    }

    private static ShadowTrainerException bad(Path file, int line, String what) {
        return new ShadowTrainerException(ExitCodes.BAD_DATA, "live trades file " + file + " line " + line + ": "
                + what + "; fix the file and run again (nothing was imported)");
    }
}
