package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.Objects;

/**
 * A seeded market generator for offline demos and tests whose answers must be known.
 *
 * <p>Log returns are {@code drift + pull + shock}: a Markov chain over {@link SyntheticRegime}s sets
 * the drift, the mean-reversion pull and the volatility level; the shock's variance follows
 * GARCH(1,1) towards that level, which gives the volatility clustering of real markets. Open is
 * the previous close (no gaps), high and low reach past open and close by half-normal wicks, and
 * volume grows with volatility and with the bar's absolute return.
 *
 * <p>Determinism: the same seed, symbol, timeframe and first open give bit-identical output on
 * every JVM (own random generator, {@link StrictMath}). The first open is part of the stream seed
 * so that a shifted range is a new market rather than the same path moved in time, which could
 * leak a training path into a test window.
 */
public final class SyntheticMarket {
    /** Exchange name in the {@link SeriesId} of generated series. */
    public static final String EXCHANGE = "synthetic";

    /** Typical wick length in units of the bar's volatility (a random walk's range is ~1.6 sigma). */
    private static final double WICK_SCALE = 0.5;
    /** Spread of the random factor in volume (log-normal sigma). */
    private static final double VOLUME_NOISE = 0.3;
    /** Volume elasticity to volatility: volume ~ (sigma / base sigma)^0.8. */
    private static final double VOLUME_VOL_ELASTICITY = 0.8;

    private final long seed;

    public SyntheticMarket(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * Generates {@code bars} consecutive bars starting at {@code firstOpen}.
     *
     * @param firstOpen open time of the first bar, on the timeframe's UTC grid
     */
    public SyntheticHistory generate(Symbol symbol, Timeframe timeframe, Instant firstOpen, int bars) {
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(timeframe, "timeframe is null");
        Objects.requireNonNull(firstOpen, "firstOpen is null");
        if (bars < 0) {
            throw new IllegalArgumentException("bars must not be negative, got " + bars);
        }
        long step = timeframe.millis();
        long start = firstOpen.toEpochMilli();
        if (!Instant.ofEpochMilli(start).equals(firstOpen) || Math.floorMod(start, step) != 0) {
            throw new IllegalArgumentException("first open " + firstOpen + " is not on the " + timeframe + " grid");
        }
        SyntheticProfile profile = SyntheticProfile.of(symbol);
        SeededRandom random = new SeededRandom(streamSeed(symbol, timeframe, start));
        RegimeTable table = new RegimeTable(timeframe.barsPerDay());
        double barsPerDay = timeframe.barsPerDay();

        // Clustering half-life: a few hours on 1m up to ten days on 1d, as in real crypto returns.
        double halfLifeBars = Math.max(10, 6 * Math.sqrt(barsPerDay));
        double persistence = StrictMath.pow(0.5, 1 / halfLifeBars);
        // Alpha kept well inside the finite-kurtosis bound so variance cannot explode.
        double alpha = Math.min(0.1, 0.5 * Math.sqrt((1 - persistence * persistence) / 2));
        double beta = persistence - alpha;
        double baseVariance = profile.annualVolatility() * profile.annualVolatility() / 365.0 / barsPerDay;
        double averageWeight = 2 / (2 * barsPerDay + 1);
        double baseVolume = profile.dailyQuoteVolume() / profile.startPrice() / barsPerDay;

        CandleSeries.Builder series = CandleSeries.builder(new SeriesId(EXCHANGE, symbol, timeframe), bars);
        SyntheticRegime[] regimes = new SyntheticRegime[bars];

        SyntheticRegime regime = table.first(random);
        double direction = 1;
        double logPrice = StrictMath.log(profile.startPrice());
        double anchor = logPrice;
        double average = logPrice;
        double variance = baseVariance * table.varianceMultiplier(regime);
        double lastShockSquared = variance;
        double previousClose = profile.startPrice();
        for (int i = 0; i < bars; i++) {
            if (i > 0 && random.nextDouble() >= table.stayProbability(regime)) {
                regime = table.next(regime, random);
                anchor = logPrice;
                direction = random.nextDouble() < 0.5 ? -1 : 1;
            }
            double targetVariance = baseVariance * table.varianceMultiplier(regime);
            variance = (1 - persistence) * targetVariance + alpha * lastShockSquared + beta * variance;
            double sigma = Math.sqrt(variance);
            double z = random.nextGaussian();
            double shock = sigma * z;
            lastShockSquared = shock * shock;
            double pullTarget = regime == SyntheticRegime.RANGE ? anchor : average;
            double pull = table.pullPerBar(regime) * (pullTarget - logPrice);
            double drift = table.driftPerBar(regime) * (regime == SyntheticRegime.BREAKOUT ? direction : 1);
            logPrice += drift + pull + shock;
            average += averageWeight * (logPrice - average);

            double o = previousClose;
            double c = StrictMath.exp(logPrice);
            double high = Math.max(o, c) * StrictMath.exp(WICK_SCALE * sigma * Math.abs(random.nextGaussian()));
            double low = Math.min(o, c) * StrictMath.exp(-WICK_SCALE * sigma * Math.abs(random.nextGaussian()));
            double logVolumeFactor = VOLUME_NOISE * random.nextGaussian() - VOLUME_NOISE * VOLUME_NOISE / 2
                    + VOLUME_VOL_ELASTICITY / 2 * StrictMath.log(variance / baseVariance);
            double volume = baseVolume * regime.volumeMultiplier() * (0.6 + 0.4 * Math.abs(z))
                    * StrictMath.exp(logVolumeFactor);
            series.add(start + i * step, o, high, low, c, volume);
            regimes[i] = regime;
            previousClose = c;
        }
        return new SyntheticHistory(series.build(), regimes);
    }

    private long streamSeed(Symbol symbol, Timeframe timeframe, long startMillis) {
        long h = SeededRandom.mix(seed);
        h = SeededRandom.mix(h ^ SyntheticProfile.nameHash(symbol));
        h = SeededRandom.mix(h ^ timeframe.millis());
        return SeededRandom.mix(h ^ startMillis);
    }

    /** Regime parameters converted from per-day to per-bar units for one timeframe. */
    private static final class RegimeTable {
        private final SyntheticRegime[] regimes = SyntheticRegime.values();
        private final double[] stay = new double[regimes.length];
        private final double[] driftPerBar = new double[regimes.length];
        private final double[] pullPerBar = new double[regimes.length];
        private final double[] varianceMultiplier = new double[regimes.length];
        private final double[][] exitCumulative = new double[regimes.length][regimes.length];

        RegimeTable(double barsPerDay) {
            for (SyntheticRegime r : regimes) {
                int k = r.ordinal();
                stay[k] = 1 - 1 / Math.max(1, r.meanDurationDays() * barsPerDay);
                driftPerBar[k] = r.driftPerDay() / barsPerDay;
                double halfLifeBars = r.meanReversionHalfLifeDays() * barsPerDay;
                pullPerBar[k] = halfLifeBars > 0 ? 1 - StrictMath.pow(0.5, 1 / halfLifeBars) : 0;
                varianceMultiplier[k] = r.volatilityMultiplier() * r.volatilityMultiplier();
                double total = 0;
                for (SyntheticRegime next : regimes) {
                    total += r.exitWeight(next);
                    exitCumulative[k][next.ordinal()] = total;
                }
                for (int j = 0; j < regimes.length; j++) {
                    exitCumulative[k][j] /= total;
                }
            }
        }

        SyntheticRegime first(SeededRandom random) {
            return regimes[(int) (random.nextDouble() * regimes.length)];
        }

        SyntheticRegime next(SyntheticRegime from, SeededRandom random) {
            double u = random.nextDouble();
            double[] cumulative = exitCumulative[from.ordinal()];
            for (int j = 0; j < cumulative.length; j++) {
                if (u < cumulative[j]) {
                    return regimes[j];
                }
            }
            // Unreachable: the last cumulative weight is total / total, exactly 1, and u < 1.
            throw new IllegalStateException("exit weights of " + from + " do not reach one");
        }

        double stayProbability(SyntheticRegime r) {
            return stay[r.ordinal()];
        }

        double driftPerBar(SyntheticRegime r) {
            return driftPerBar[r.ordinal()];
        }

        double pullPerBar(SyntheticRegime r) {
            return pullPerBar[r.ordinal()];
        }

        double varianceMultiplier(SyntheticRegime r) {
            return varianceMultiplier[r.ordinal()];
        }
    }
}
