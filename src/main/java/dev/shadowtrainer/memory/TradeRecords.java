package dev.shadowtrainer.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.model.Sha256;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Trade;
import dev.shadowtrainer.sim.TradeKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns the simulator's trades into trade_memory rows. The context of a trade is the bar its entry
 * was decided on: a shadow trade's decision bar, and for an agent's trade the bar before its fill (the
 * last bar closed when it filled). Its embedding and features come from that bar only.
 */
public final class TradeRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOLATILITY = "realised_volatility_20";

    private final MarketData market;
    private final SeriesId id;
    private final String runId;
    private final int volatility;

    public TradeRecords(MarketData market, SeriesId id, String runId) {
        this.market = Objects.requireNonNull(market, "market is null");
        this.id = Objects.requireNonNull(id, "id is null");
        this.runId = Objects.requireNonNull(runId, "runId is null");
        this.volatility = market.rawFeatures().names().indexOf(VOLATILITY);
    }

    /**
     * The row of {@code trade}; {@code policy} names who took it (part of an agent trade's key, so two
     * policies' identical trades are two rows; shadow trades are the same for every policy).
     */
    public StoredTrade of(Trade trade, String policy) {
        boolean shadow = trade.kind() == TradeKind.SHADOW;
        int bar = shadow ? (int) trade.traceId() : Math.max(0, trade.entryBar() - 1);
        String kind = shadow ? "shadow" : "agent";
        String key = key(trade, policy);
        float rawVolatility = volatility < 0 ? 0f : market.rawFeatures().value(bar, volatility);
        return new StoredTrade(key, runId, id.exchange(), id.symbol().toString(), id.timeframe().label(), kind,
                Instant.ofEpochMilli(trade.entryTime()), Instant.ofEpochMilli(trade.exitTime()), trade.entryPrice(),
                trade.exitPrice(), trade.notional(), trade.leverage(), trade.fees(), trade.pnl(), trade.pnlPercent(),
                trade.exitReason().name(), finite(trade.mfePercent()), finite(trade.maePercent()),
                AtrAdxRegime.ofOrdinal(market.regimes()[bar]).name(), finite(rawVolatility), features(bar),
                Embedding.of(market, bar), Embedding.VERSION, trade.pnl() > 0);
    }

    /**
     * The row of a trade taken by the live system: key {@code live|<exchange>|<symbol>|<tradeId>}, so importing it
     * again adds nothing; features, regime and embedding from {@code bar}, the last bar closed at its entry.
     */
    public StoredTrade live(String tradeId, int bar, Instant entry, Instant exit, double entryPrice, double exitPrice,
                            double size, double leverage, double fees, String exitReason, double mfePercent,
                            double maePercent) {
        double pnl = size * leverage * (exitPrice / entryPrice - 1) - fees;
        String key = Sha256.of(String.join("|", "live", id.exchange(), id.symbol().toString(), tradeId)
                .getBytes(StandardCharsets.UTF_8));
        float rawVolatility = volatility < 0 ? 0f : market.rawFeatures().value(bar, volatility);
        return new StoredTrade(key, runId, id.exchange(), id.symbol().toString(), id.timeframe().label(), "live",
                entry, exit, entryPrice, exitPrice, size, leverage, fees, pnl, 100 * pnl / size, exitReason,
                finite(mfePercent), finite(maePercent), AtrAdxRegime.ofOrdinal(market.regimes()[bar]).name(),
                finite(rawVolatility), features(bar), Embedding.of(market, bar), Embedding.VERSION, pnl > 0);
    }

    /** The natural key {@link #of}{@code (trade, policy)} gives its row, without building the row. */
    public String key(Trade trade, String policy) {
        boolean shadow = trade.kind() == TradeKind.SHADOW;
        return key(shadow ? "shadow" : "agent", shadow ? "" : policy, trade);
    }

    private String key(String kind, String policy, Trade t) {
        String natural = String.join("|", kind, policy, id.exchange(), id.symbol().toString(), id.timeframe().label(),
                Long.toString(t.entryTime()), Long.toString(t.exitTime()), Double.toString(t.entryPrice()),
                Double.toString(t.exitPrice()), Double.toString(t.notional()), Double.toString(t.leverage()),
                t.exitReason().name());
        return Sha256.of(natural.getBytes(StandardCharsets.UTF_8));
    }

    /** The normalised features of {@code bar} by name; a value that is not finite is left out. */
    private String features(int bar) {
        FeatureMatrix f = market.features();
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < f.featureCount(); i++) {
            float v = f.value(bar, i);
            if (Float.isFinite(v)) {
                node.put(f.name(i).toLowerCase(Locale.ROOT), v);
            }
        }
        return node.toString();
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
