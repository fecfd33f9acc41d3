package dev.shadowtrainer.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the candle cache up to date with an exchange, fetching only what the cache lacks: the
 * candles newer than the newest cached one, and, when more days are asked for than the cache
 * covers, the older part in front of it. Each part is merged into the cache as soon as it arrives,
 * so a failure later loses nothing already downloaded.
 */
public final class CandleDownloader {
    private static final Logger log = LoggerFactory.getLogger(CandleDownloader.class);

    private final XChangeCandleSource exchange;
    private final CandleCache cache;
    private final Clock clock;

    /** @param clock defines "now" for the requested days; give it the clock the source uses */
    public CandleDownloader(XChangeCandleSource exchange, CandleCache cache, Clock clock) {
        this.exchange = Objects.requireNonNull(exchange, "exchange is null");
        this.cache = Objects.requireNonNull(cache, "cache is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Makes the cache hold every closed candle of the last {@code days} days (and keeps older ones). */
    public DownloadResult download(SeriesId id, int days) {
        return download(id, days, FetchProgress.NONE);
    }

    /** As {@link #download(SeriesId, int)}, telling {@code progress} after every page fetched. */
    public DownloadResult download(SeriesId id, int days, FetchProgress progress) {
        Objects.requireNonNull(progress, "progress is null");
        Objects.requireNonNull(id, "id is null");
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        Instant wantedStart = clock.instant().minus(Duration.ofDays(days));
        Optional<CachedSeries> before = cache.summary(id);
        Tally tally = new Tally();
        if (before.isEmpty()) {
            tally.add(id, exchange.fetch(id, wantedStart, clock.instant(), progress));
        } else {
            CachedSeries cached = before.get();
            if (wantedStart.isBefore(cached.firstOpen())) {
                tally.add(id, exchange.fetch(id, wantedStart, cached.firstOpen(), progress));
            }
            tally.add(id, exchange.fetch(id, cached.lastOpen().plus(id.timeframe().duration()), clock.instant(),
                    progress));
        }
        CachedSeries after = cache.summary(id).orElseThrow(() -> new DataException(exchange.exchange()
                + " has no closed " + id.symbol() + " " + id.timeframe() + " candles in the last " + days
                + " days; try more days or another symbol"));
        log.debug("download {}: {} fetched, {} new, {} requests; cache {}", id, tally.fetched, tally.added,
                tally.requests, after);
        return new DownloadResult(id, tally.fetched, tally.added, tally.requests, Optional.ofNullable(tally.first),
                Optional.ofNullable(tally.last), after);
    }

    /** Running totals over the parts of one download. */
    private final class Tally {
        private int fetched;
        private int added;
        private int requests;
        private Instant first;
        private Instant last;

        void add(SeriesId id, FetchedCandles part) {
            requests += part.requests();
            List<Candle> candles = part.candles();
            if (candles.isEmpty()) {
                return;
            }
            added += cache.merge(id, candles).added();
            fetched += candles.size();
            Instant partFirst = candles.get(0).openTime();
            Instant partLast = candles.get(candles.size() - 1).openTime();
            first = first == null || partFirst.isBefore(first) ? partFirst : first;
            last = last == null || partLast.isAfter(last) ? partLast : last;
        }
    }
}
