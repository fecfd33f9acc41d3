package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one incremental download did: candles fetched from the exchange, how many of them were new
 * to the cache, HTTP requests made (retries included), the open times of the first and last fetched
 * candle (empty when nothing was fetched), and the cached series afterwards.
 */
public record DownloadResult(SeriesId id, int fetched, int added, int requests, Optional<Instant> firstFetched,
                             Optional<Instant> lastFetched, CachedSeries cached) {
    public DownloadResult {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(firstFetched, "firstFetched is null");
        Objects.requireNonNull(lastFetched, "lastFetched is null");
        Objects.requireNonNull(cached, "cached is null");
        if (fetched < 0 || added < 0 || added > fetched || requests < 0) {
            throw new IllegalArgumentException("inconsistent download counts: fetched " + fetched + ", added " + added
                    + ", requests " + requests);
        }
        if (firstFetched.isPresent() != (fetched > 0) || lastFetched.isPresent() != (fetched > 0)) {
            throw new IllegalArgumentException("first and last fetched open times are present exactly when candles were fetched");
        }
    }
}
