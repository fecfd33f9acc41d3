package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CachedSeries;
import dev.shadowtrainer.market.CandleCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code candles}: list the cached series. */
@Command(name = "candles", mixinStandardHelpOptions = true,
        description = "List the cached candle series: exchange, symbol, timeframe, range, count, gaps.")
final class CandlesCommand extends ConfiguredCommand {
    @Override
    public Integer call() {
        ShadowConfig config = config();
        CandleCache cache = new CandleCache(Path.of(config.data().cacheDir()));
        List<CachedSeries> series = cache.list();
        List<String> text = new ArrayList<>();
        if (series.isEmpty()) {
            text.add("no cached candles in " + cache.root() + "; fill the cache with: shadow-trainer download --symbol BTC/USDT");
        } else {
            text.add(String.format("%-10s %-12s %-4s %-20s %-20s %8s %5s", "exchange", "symbol", "tf", "first open",
                    "last open", "candles", "gaps"));
            for (CachedSeries s : series) {
                text.add(String.format("%-10s %-12s %-4s %-20s %-20s %8d %5d", s.id().exchange(), s.id().symbol(),
                        s.id().timeframe(), s.firstOpen(), s.lastOpen(), s.count(), s.gaps()));
            }
        }
        printSummary(series, text);
        return 0;
    }
}
