package dev.shadowtrainer.report;

import dev.shadowtrainer.sim.Trade;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * {@code trades.csv}: one row per closed trade in the given order, numbers as described in
 * {@link CsvWriter}. The entry observation is not written; it belongs to the trade memory.
 */
public final class TradesCsv {
    public static final List<String> COLUMNS = List.of("trace_id", "kind", "entry_time", "exit_time", "entry_bar",
            "exit_bar", "entry_price", "exit_price", "size_multiplier", "notional", "quantity", "leverage", "fees",
            "pnl", "pnl_percent", "mfe_percent", "mae_percent", "duration_minutes", "exit_reason", "entry_regime",
            "exit_regime");

    private TradesCsv() {
    }

    /** Writes the trades with regimes as their ordinals. */
    public static void write(Path file, List<Trade> trades) {
        write(file, trades, Integer::toString);
    }

    /** Writes the trades with each regime ordinal turned into text by {@code regimeName}. */
    public static void write(Path file, List<Trade> trades, IntFunction<String> regimeName) {
        Objects.requireNonNull(trades, "trades is null");
        Objects.requireNonNull(regimeName, "regimeName is null");
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.header(COLUMNS);
            for (Trade t : trades) {
                csv.integer(t.traceId()).text(t.kind().name()).time(t.entryTime()).time(t.exitTime())
                        .integer(t.entryBar()).integer(t.exitBar()).number(t.entryPrice()).number(t.exitPrice())
                        .number(t.sizeMultiplier()).number(t.notional()).number(t.quantity()).number(t.leverage())
                        .number(t.fees()).number(t.pnl()).number(t.pnlPercent()).number(t.mfePercent())
                        .number(t.maePercent()).number(t.durationMillis() / 60_000.0).text(t.exitReason().name())
                        .text(regimeName.apply(t.entryRegime())).text(regimeName.apply(t.exitRegime()));
                csv.endRow();
            }
        });
    }
}
