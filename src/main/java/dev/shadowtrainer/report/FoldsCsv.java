package dev.shadowtrainer.report;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.FoldResult;
import dev.shadowtrainer.sim.PerformanceMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code folds.csv}: one row per fold and policy with the fold's windows as times and the main test
 * metrics. A window's start is its first bar's open time and its end is the close time of its last
 * bar, so windows read as half-open [start, end) like the bar ranges.
 */
public final class FoldsCsv {
    public static final List<String> COLUMNS = List.of("fold", "policy", "train_start", "train_end", "test_start",
            "test_end", "test_bars", "total_return", "cagr", "sharpe", "sortino", "max_drawdown", "deflated_sharpe",
            "trades", "win_rate", "profit_factor", "mean_trade_pnl", "exposure", "turnover", "fees",
            "invalid_actions", "circuit_breaker_trips");

    private FoldsCsv() {
    }

    /**
     * @param series the candles the fold bar indices refer to
     */
    public static void write(Path file, List<FoldResult> results, CandleSeries series) {
        Objects.requireNonNull(results, "results is null");
        Objects.requireNonNull(series, "series is null");
        for (FoldResult r : results) {
            if (r.fold().testTo() > series.size()) {
                throw new IllegalArgumentException("fold " + r.fold().index() + " ends at bar " + r.fold().testTo()
                        + " beyond the " + series.size() + " bars of the series");
            }
        }
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.header(COLUMNS);
            for (FoldResult r : results) {
                Fold f = r.fold();
                PerformanceMetrics m = r.metrics();
                csv.integer(f.index()).text(r.policy())
                        .time(series.openTime(f.trainFrom())).time(series.closeTime(f.trainTo() - 1))
                        .time(series.openTime(f.testFrom())).time(series.closeTime(f.testTo() - 1))
                        .integer(f.testBars()).number(m.totalReturn()).number(m.cagr()).number(m.sharpe())
                        .number(m.sortino()).number(m.maxDrawdown()).number(m.deflatedSharpe()).integer(m.trades())
                        .number(m.winRate()).number(m.profitFactor()).number(m.meanTradePnl()).number(m.exposure())
                        .number(m.turnover()).number(m.feesPaid()).integer(m.invalidActions())
                        .integer(m.circuitBreakerTrips());
                csv.endRow();
            }
        });
    }
}
