package dev.shadowtrainer.cli;

import java.util.Map;
import picocli.CommandLine.Mixin;

/** A subcommand that works on one market's candles: takes --symbol, --days, --timeframe, --source, --exchange. */
abstract class MarketCommand extends ConfiguredCommand {
    @Mixin
    MarketOptions market;

    @Override
    final void addOverrides(Map<String, String> overrides) {
        market.addTo(overrides);
        addOwnOverrides(overrides);
    }

    /** Overrides of a market command's own flags. */
    void addOwnOverrides(Map<String, String> overrides) {
    }
}
