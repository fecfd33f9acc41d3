package dev.shadowtrainer.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code symbols.csv} of a {@code train-universe} run: one row per symbol, in the order the symbols were
 * given, with its outcome and, when it trained, the policy's out-of-sample numbers; the full results of a
 * symbol are in its own run folder ({@code run_folder}).
 */
public final class SymbolsCsv {
    public static final List<String> COLUMNS = List.of("symbol", "status", "exit_code", "run_id", "run_folder",
            "seconds", "bars", "folds", "total_return", "sharpe", "max_drawdown", "trades", "win_rate",
            "buy_and_hold_return", "error");

    /** One symbol; the numbers are NaN (empty cells) and the texts empty for a symbol that failed. */
    public record Row(String symbol, String status, int exitCode, String runId, String runFolder, double seconds,
                      int bars, int folds, double totalReturn, double sharpe, double maxDrawdown, int trades,
                      double winRate, double buyAndHoldReturn, String error) {
        public Row {
            Objects.requireNonNull(symbol, "symbol is null");
            Objects.requireNonNull(status, "status is null");
        }
    }

    private SymbolsCsv() {
    }

    public static void write(Path file, List<Row> rows) {
        Objects.requireNonNull(rows, "rows is null");
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.header(COLUMNS);
            for (Row r : rows) {
                csv.text(r.symbol()).text(r.status()).integer(r.exitCode()).text(text(r.runId()))
                        .text(text(r.runFolder())).number(r.seconds()).integer(r.bars()).integer(r.folds())
                        .number(r.totalReturn()).number(r.sharpe()).number(r.maxDrawdown()).integer(r.trades())
                        .number(r.winRate()).number(r.buyAndHoldReturn()).text(text(r.error()));
                csv.endRow();
            }
        });
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
