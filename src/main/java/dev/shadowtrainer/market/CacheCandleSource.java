package dev.shadowtrainer.market;

import java.util.List;
import java.util.Objects;

/**
 * Candles from the local {@link CandleCache}, without touching the network. Returns everything
 * cached for the series (like a file source); the pipeline trims to the requested days.
 */
public final class CacheCandleSource implements CandleSource {
    private final CandleCache cache;

    public CacheCandleSource(CandleCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache is null");
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public List<Candle> load(CandleRequest request) {
        Objects.requireNonNull(request, "request is null");
        List<Candle> candles = cache.read(request.id());
        if (candles.isEmpty()) {
            throw new DataException("no cached candles for " + request.id() + " (looked for " + cache.file(request.id())
                    + "); download them first with --source xchange, or use --source file:PATH / --source synthetic");
        }
        return candles;
    }
}
