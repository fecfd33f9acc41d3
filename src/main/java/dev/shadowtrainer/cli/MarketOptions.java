package dev.shadowtrainer.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** Which candles a command works on; each option overrides the config key named in its description. */
public final class MarketOptions {
    @Option(names = "--symbol", paramLabel = "PAIR", description = "trading pair, e.g. BTC/USDT (data.symbol)")
    String symbol;

    @Option(names = "--days", paramLabel = "N",
            description = "days of history counted back from the newest candle (data.days)")
    Integer days;

    @Option(names = "--timeframe", paramLabel = "TF", description = "1m 5m 15m 1h 4h 1d (data.timeframe)")
    String timeframe;

    @Option(names = "--source", paramLabel = "SRC",
            description = "auto (cache, then xchange), cache, xchange, synthetic or file:PATH (data.source)")
    String source;

    @Option(names = "--exchange", paramLabel = "NAME", description = "exchange for xchange and the cache (data.exchange)")
    String exchange;

    void addTo(Map<String, String> overrides) {
        put(overrides, "data.symbol", symbol);
        put(overrides, "data.days", days == null ? null : days.toString());
        put(overrides, "data.timeframe", timeframe);
        put(overrides, "data.source", source);
        put(overrides, "data.exchange", exchange);
    }

    private static void put(Map<String, String> overrides, String key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }
}
