package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ConfigException;
import dev.shadowtrainer.config.ShadowConfig.DataConfig;
import dev.shadowtrainer.market.CacheCandleSource;
import dev.shadowtrainer.market.Candle;
import dev.shadowtrainer.market.CandleCache;
import dev.shadowtrainer.market.CandleDownloader;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.CandleSource;
import dev.shadowtrainer.market.CleanedSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.market.DataQuality;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.RetryPolicy;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticCandleSource;
import dev.shadowtrainer.market.XChangeCandleSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Picks the candle source named in the config, loads, cleans through {@link DataQuality} and cuts
 * the requested window. The {@code auto} source reads the cache when it covers the request and
 * otherwise downloads into the cache first, so a later offline run finds the data.
 */
public final class CandleLoader {
    private final Clock clock;
    private final String exchangeBaseUrl;

    /**
     * @param clock           defines "now": which candles are closed
     * @param exchangeBaseUrl exchange API root, or null for the exchange's public endpoint
     */
    public CandleLoader(Clock clock, String exchangeBaseUrl) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.exchangeBaseUrl = exchangeBaseUrl;
    }

    /**
     * @param leadInBars history to keep before the requested window when the source has it, so that
     *                   features are warmed up by the time the window opens
     */
    public LoadedSeries load(DataConfig data, long seed, int leadInBars) {
        return load(data, seed, leadInBars, true);
    }

    /**
     * Everything the source holds (for sources that download or generate: data.days of it), the first
     * {@code leadInBars} bars as history and the rest as the window; for checks over a whole file.
     */
    public LoadedSeries loadAvailable(DataConfig data, long seed, int leadInBars) {
        return load(data, seed, leadInBars, false);
    }

    private LoadedSeries load(DataConfig data, long seed, int leadInBars, boolean exactDays) {
        SeriesId id = seriesId(data);
        String source = data.source();
        // Ask sources for the lead-in too; the cache still counts as covering when it holds the window.
        int requestDays = data.days() + (int) Math.ceil(leadInBars / id.timeframe().barsPerDay());
        CandleSource chosen = switch (sourceKind(source)) {
            case "file" -> FileCandleSource.forSeries(source.substring("file:".length()), id);
            case "synthetic" -> new SyntheticCandleSource(seed);
            case "cache" -> new CacheCandleSource(cache(data));
            case "xchange" -> downloadedThenCached(id, data, requestDays);
            case "auto" -> cacheCovers(id, data) ? new CacheCandleSource(cache(data))
                    : downloadedThenCached(id, data, requestDays);
            default -> throw new ConfigException("unknown candle source '" + source
                    + "'; use auto, cache, xchange, synthetic or file:PATH");
        };
        SeriesId seriesId = chosen instanceof SyntheticCandleSource ? new SeriesId("synthetic", id.symbol(),
                id.timeframe()) : id;
        List<Candle> raw = chosen.load(new CandleRequest(seriesId, requestDays));
        CleanedSeries cleaned = DataQuality.clean(seriesId, raw, clock.instant());
        CandleSeries all = cleaned.series();
        if (all.isEmpty()) {
            throw new DataException(chosen.name() + ": no usable " + id.symbol() + " " + id.timeframe() + " candles ("
                    + raw.size() + " rows read, " + cleaned.report().quarantined().size()
                    + " quarantined); check the data or use --source synthetic");
        }
        if (!exactDays) {
            int windowStart = Math.min(leadInBars, all.size() - 1);
            return new LoadedSeries(chosen.name(), all, windowStart, cleaned.report(),
                    (int) Math.floor(all.coveredDays()));
        }
        double tolerance = 1.5 * id.timeframe().millis() / 86_400_000.0;
        if (all.coveredDays() + tolerance < data.days()) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s holds %.1f days of %s %s candles (%s to %s) but %d were requested; lower --days to %d or supply more data",
                    chosen.name(), all.coveredDays(), id.symbol(), id.timeframe(), all.firstOpen(), all.lastOpen(),
                    data.days(), Math.max(1, (int) Math.floor(all.coveredDays()))));
        }
        int windowStart = all.startOfLastDays(data.days());
        int from = Math.max(0, windowStart - leadInBars);
        return new LoadedSeries(chosen.name(), all.slice(from, all.size()), windowStart - from, cleaned.report(),
                data.days());
    }

    /**
     * Lower-timeframe candles covering {@code series} for same-bar stop/target resolution, or null when
     * data.lower_source is none. They pass through data quality like any candles.
     */
    public CandleSeries loadLower(DataConfig data, CandleSeries series) {
        String source = data.lowerSource();
        if (source.equals("none")) {
            return null;
        }
        if (data.lowerTimeframe().millis() >= series.id().timeframe().millis()) {
            throw new ConfigException("data.lower_timeframe " + data.lowerTimeframe() + " must be finer than "
                    + series.id().timeframe() + "; pick e.g. 1m");
        }
        SeriesId id = new SeriesId(series.id().exchange(), series.id().symbol(), data.lowerTimeframe());
        CandleSource chosen = switch (sourceKind(source)) {
            case "file" -> FileCandleSource.forSeries(source.substring("file:".length()), id);
            case "cache" -> new CacheCandleSource(cache(data));
            default -> throw new ConfigException("data.lower_source '" + source + "' is not supported; use none, "
                    + "cache or file:PATH");
        };
        CandleSeries lower = DataQuality.clean(id, chosen.load(new CandleRequest(id, data.days())), clock.instant())
                .series();
        int from = lower.startOfTime(series.openTime(0));
        int to = lower.startOfTime(series.closeTime(series.size() - 1));
        if (from >= to) {
            throw new DataException(chosen.name() + " has no " + data.lowerTimeframe() + " candles between "
                    + series.firstOpen() + " and " + series.lastOpen() + "; supply matching data or set "
                    + "data.lower_source to none");
        }
        return lower.slice(from, to);
    }

    private static String sourceKind(String source) {
        return source.startsWith("file:") ? "file" : source.toLowerCase(Locale.ROOT);
    }

    public static SeriesId seriesId(DataConfig data) {
        return new SeriesId(data.exchange().toLowerCase(Locale.ROOT), symbol(data), data.timeframe());
    }

    /** The configured symbol; a malformed one is a usage error. */
    public static Symbol symbol(DataConfig data) {
        try {
            return Symbol.parse(data.symbol());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static CandleCache cache(DataConfig data) {
        return new CandleCache(Path.of(data.cacheDir()));
    }

    private boolean cacheCovers(SeriesId id, DataConfig data) {
        return cache(data).summary(id).map(c -> {
            long span = c.lastOpen().toEpochMilli() + id.timeframe().millis() - c.firstOpen().toEpochMilli();
            long wanted = data.days() * 86_400_000L;
            long staleness = clock.millis() - (c.lastOpen().toEpochMilli() + id.timeframe().millis());
            // Covered: long enough, and no more than one bar behind the clock (else newer candles exist).
            return span >= wanted && staleness < id.timeframe().millis();
        }).orElse(false);
    }

    private CandleSource downloadedThenCached(SeriesId id, DataConfig data, int days) {
        CandleCache cache = cache(data);
        new CandleDownloader(exchange(id.exchange()), cache, clock).download(id, days);
        return new CacheCandleSource(cache);
    }

    /** The exchange client for downloads, pointed at the configured base URL when one is given. */
    public XChangeCandleSource exchange(String name) {
        String baseUrl = exchangeBaseUrl != null ? exchangeBaseUrl : XChangeCandleSource.BINANCE_URL;
        return new XChangeCandleSource(name, baseUrl, XChangeCandleSource.DEFAULT_HTTP_TIMEOUT, clock,
                RetryPolicy.standard());
    }
}
