package dev.shadowtrainer.market;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Candles from a {@link SyntheticMarket} ({@code --source synthetic}): {@code request.days()} days
 * of bars ending with the last bar closed before "now".
 *
 * <p>"Now" is a fixed anchor, {@link #DEFAULT_ANCHOR}, unless a clock is given, because a run must
 * give the same result tomorrow as today; pass {@link Clock#systemUTC()} to follow real time.
 */
public final class SyntheticCandleSource implements CandleSource {
    /** The default "now": 2025-01-01T00:00Z, so the last default bar closes at the turn of the year. */
    public static final Instant DEFAULT_ANCHOR = Instant.parse("2025-01-01T00:00:00Z");

    private final SyntheticMarket market;
    private final Clock clock;

    /** A reproducible source: candles end at {@link #DEFAULT_ANCHOR}. */
    public SyntheticCandleSource(long seed) {
        this(seed, Clock.fixed(DEFAULT_ANCHOR, ZoneOffset.UTC));
    }

    public SyntheticCandleSource(long seed, Clock clock) {
        this.market = new SyntheticMarket(seed);
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public List<Candle> load(CandleRequest request) {
        return history(request).candles();
    }

    /** The same bars {@link #load} returns, with the regime behind each one. */
    public SyntheticHistory history(CandleRequest request) {
        Objects.requireNonNull(request, "request is null");
        Timeframe timeframe = request.id().timeframe();
        long step = timeframe.millis();
        long endExclusive = Math.floorDiv(clock.millis(), step) * step;
        long bars = request.days() * 86_400_000L / step;
        if (bars > Integer.MAX_VALUE) {
            throw new DataException("synthetic: " + request.days() + " days of " + timeframe
                    + " bars is too many to hold in memory; ask for fewer days or a longer timeframe");
        }
        Instant firstOpen = Instant.ofEpochMilli(endExclusive - bars * step);
        return market.generate(request.id().symbol(), timeframe, firstOpen, (int) bars);
    }

    public long seed() {
        return market.seed();
    }
}
