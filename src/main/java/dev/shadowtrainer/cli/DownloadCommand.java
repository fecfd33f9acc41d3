package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleCache;
import dev.shadowtrainer.market.CandleDownloader;
import dev.shadowtrainer.market.DownloadResult;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.pipeline.CandleLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code download}: fetch candles from the exchange into the local cache, only what is new. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Fetch candles from the exchange (XChange) into the local cache; a second run fetches only what is new.")
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    ShadowTrainer root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    MarketOptions market;

    @Override
    public Integer call() {
        Map<String, String> overrides = common.overrides();
        market.addTo(overrides);
        ShadowConfig config = root.configure(common, overrides);
        CandleLoader loader = new CandleLoader(root.context().clock(), root.context().exchangeBaseUrl());
        SeriesId id = CandleLoader.seriesId(config.data());
        CandleCache cache = new CandleCache(Path.of(config.data().cacheDir()));
        spec.commandLine().getErr().println("downloading " + id + ", last " + config.data().days() + " days...");
        DownloadResult result = new CandleDownloader(loader.exchange(id.exchange()), cache, root.context().clock())
                .download(id, config.data().days());
        String text = String.format("%s: fetched %d candles (%d new) in %d requests; cache holds %d candles, %s to %s, %d gaps, in %s",
                id, result.fetched(), result.added(), result.requests(), result.cached().count(),
                result.cached().firstOpen(), result.cached().lastOpen(), result.cached().gaps(), cache.file(id));
        SummaryPrinter.print(spec.commandLine().getOut(), common.json, result, List.of(text));
        return 0;
    }
}
