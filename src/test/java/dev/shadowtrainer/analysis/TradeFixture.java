package dev.shadowtrainer.analysis;

import dev.shadowtrainer.memory.PostExitRow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A mutable builder of analysed trades for tests: a 15m shadow win of +1 % unless told otherwise. */
final class TradeFixture {
    static final Instant DAY = Instant.parse("2025-03-01T00:00:00Z");
    private static int counter;

    String key = "t" + (++counter);
    String kind = "shadow";
    String symbol = "BTC/USDT";
    Duration bar = Duration.ofMinutes(15);
    Instant entry = DAY.plusSeconds(3600);
    Duration held = Duration.ofHours(1);
    double entryPrice = 100;
    double pnl = 1;
    double pnlPercent = 1;
    double fees = 0.1;
    double size = 100;
    String exitReason = "TAKE_PROFIT";
    double mfe = 1.5;
    double mae = -0.5;
    String regime = "LOW_VOL_TRENDING";
    String regimeAtExit = null;
    double volatility = 0.01;
    Map<String, Double> features = new HashMap<>();
    int pattern = -1;
    PostExitRow postExit = null;

    static TradeFixture trade() {
        return new TradeFixture();
    }

    TradeFixture key(String k) {
        key = k;
        return this;
    }

    TradeFixture agent() {
        kind = "agent";
        return this;
    }

    TradeFixture kind(String k) {
        kind = k;
        return this;
    }

    TradeFixture symbol(String s) {
        symbol = s;
        return this;
    }

    TradeFixture entry(Instant t) {
        entry = t;
        return this;
    }

    TradeFixture held(Duration d) {
        held = d;
        return this;
    }

    /** Net pnl in quote and percent of the 100 notional. */
    TradeFixture pnl(double quote) {
        pnl = quote;
        pnlPercent = quote;
        return this;
    }

    TradeFixture pnlPercent(double p) {
        pnlPercent = p;
        pnl = p * size / 100;
        return this;
    }

    TradeFixture fees(double f) {
        fees = f;
        return this;
    }

    TradeFixture entryPrice(double p) {
        entryPrice = p;
        return this;
    }

    TradeFixture exit(String reason) {
        exitReason = reason;
        return this;
    }

    TradeFixture range(double mfePercent, double maePercent) {
        mfe = mfePercent;
        mae = maePercent;
        return this;
    }

    TradeFixture regime(String r) {
        regime = r;
        return this;
    }

    TradeFixture regimeAtExit(String r) {
        regimeAtExit = r;
        return this;
    }

    TradeFixture volatility(double v) {
        volatility = v;
        return this;
    }

    TradeFixture feature(String name, double v) {
        features.put(name, v);
        return this;
    }

    TradeFixture pattern(int p) {
        pattern = p;
        return this;
    }

    TradeFixture postExit(Double p1, Double p4, Double p24, Double missed, String verdict) {
        postExit = new PostExitRow(key, p1, p4, p24, null, missed, verdict);
        return this;
    }

    AnalysedTrade build() {
        return new AnalysedTrade(key, kind, symbol, bar, entry, entry.plus(held), entryPrice, pnl, pnlPercent, fees,
                size, 1, exitReason, mfe, mae, regime, regimeAtExit, volatility, features, pnl > 0, pattern,
                postExit);
    }
}
