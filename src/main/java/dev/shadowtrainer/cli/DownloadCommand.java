package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleCache;
import dev.shadowtrainer.market.CandleDownloader;
import dev.shadowtrainer.market.DownloadResult;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.pipeline.CandleLoader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code download}: fetch candles from the exchange into the local cache, only what is new. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Fetch candles from the exchange (XChange) into the local cache; a second run fetches only what is new.")
final class DownloadCommand extends MarketCommand {
    @Override
    public Integer call() {
        ShadowConfig config = config();
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        SeriesId id = CandleLoader.seriesId(config.data());
        CandleCache cache = new CandleCache(Path.of(config.data().cacheDir()));
        progress().println("downloading " + id + ", last " + config.data().days() + " days...");
        DownloadResult result = new CandleDownloader(loader.exchange(id.exchange()), cache, context().clock())
                .download(id, config.data().days(), (fetched, expected) -> progress().printf(
                        "\r  %d of %d candles (%d%%)", fetched, expected, expected == 0 ? 100 : 100L * fetched / expected)
                        .flush());
        progress().println();
        printSummary(result, List.of(String.format(
                "%s: fetched %d candles (%d new) in %d requests; cache holds %d candles, %s to %s, %d gaps, in %s",
                id, result.fetched(), result.added(), result.requests(), result.cached().count(),
                result.cached().firstOpen(), result.cached().lastOpen(), result.cached().gaps(), cache.file(id))));
        return 0;
    }
}
