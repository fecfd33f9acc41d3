package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticMarketTest {
    private static final Symbol BTC = Symbol.parse("BTC/USDT");
    private static final Symbol ETH = Symbol.parse("ETH/USDT");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int YEAR_OF_1M = 365 * 1440;

    private static SyntheticHistory generate(long seed, Symbol symbol, Timeframe timeframe, int bars) {
        return new SyntheticMarket(seed).generate(symbol, timeframe, START, bars);
    }

    private static double[] column(CandleSeries s, String which) {
        double[] out = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            out[i] = switch (which) {
                case "open" -> s.open(i);
                case "high" -> s.high(i);
                case "low" -> s.low(i);
                case "close" -> s.close(i);
                default -> s.volume(i);
            };
        }
        return out;
    }

    private static double[] logReturns(CandleSeries s) {
        double[] r = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            r[i] = Math.log(s.close(i) / s.open(i));
        }
        return r;
    }

    private static double correlation(double[] x, double[] y, int lag) {
        int n = x.length - lag;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i + lag];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i + lag] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    @Test
    void sameSeedSymbolTimeframeAndRangeGiveIdenticalBars() {
        SyntheticHistory a = generate(42, BTC, Timeframe.M5, 5_000);
        SyntheticHistory b = generate(42, BTC, Timeframe.M5, 5_000);

        assertThat(a.series().openTimes()).isEqualTo(b.series().openTimes());
        for (String c : new String[] {"open", "high", "low", "close", "volume"}) {
            assertThat(column(a.series(), c)).as(c).isEqualTo(column(b.series(), c));
        }
        assertThat(a.regimes()).isEqualTo(b.regimes());
    }

    @Test
    void differentSeedGivesADifferentMarket() {
        assertThat(generate(1, BTC, Timeframe.M5, 1_000).series().closes())
                .isNotEqualTo(generate(2, BTC, Timeframe.M5, 1_000).series().closes());
    }

    @Test
    void differentSymbolGivesADifferentMarketNotARescaledOne() {
        double[] btc = logReturns(generate(1, BTC, Timeframe.M5, 2_000).series());
        double[] eth = logReturns(generate(1, ETH, Timeframe.M5, 2_000).series());

        assertThat(Math.abs(correlation(btc, eth, 0))).isLessThan(0.2);
    }

    @Test
    void shiftedRangeIsANewPathNotTheSameOneMovedInTime() {
        SyntheticMarket market = new SyntheticMarket(5);
        double[] a = logReturns(market.generate(BTC, Timeframe.H1, START, 500).series());
        double[] b = logReturns(market.generate(BTC, Timeframe.H1, START.plusSeconds(3_600), 500).series());

        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void barsSitOnTheGridWithoutGaps(Timeframe timeframe) {
        SyntheticHistory h = generate(3, BTC, timeframe, 2_000);
        CandleSeries s = h.series();

        assertThat(s.size()).isEqualTo(2_000);
        assertThat(h.size()).isEqualTo(2_000);
        assertThat(s.firstOpen()).isEqualTo(START);
        assertThat(s.fillerCount()).isZero();
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.openTime(i) - s.openTime(i - 1)).isEqualTo(timeframe.millis());
            assertThat(s.open(i)).as("open of bar %d", i).isEqualTo(s.close(i - 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void candlesAreWellFormed(Timeframe timeframe) {
        CandleSeries s = generate(11, Symbol.parse("DOGE/USDT"), timeframe, 20_000).series();

        for (int i = 0; i < s.size(); i++) {
            double o = s.open(i);
            double h = s.high(i);
            double l = s.low(i);
            double c = s.close(i);
            double v = s.volume(i);
            for (double x : new double[] {o, h, l, c, v}) {
                assertThat(Double.isFinite(x) && x > 0).as("bar %d value %s", i, x).isTrue();
            }
            assertThat(h).as("high of bar %d", i).isGreaterThanOrEqualTo(Math.max(o, c));
            assertThat(l).as("low of bar %d", i).isLessThanOrEqualTo(Math.min(o, c));
        }
    }

    @Test
    void startsAtTheSymbolsProfilePrice() {
        assertThat(generate(9, BTC, Timeframe.M1, 10).series().open(0))
                .isEqualTo(SyntheticProfile.of(BTC).startPrice());
    }

    @Test
    void unknownSymbolsGetAStablePlausibleProfile() {
        Symbol pair = Symbol.parse("FOO/BTC");
        SyntheticProfile profile = SyntheticProfile.of(pair);

        assertThat(SyntheticProfile.of(Symbol.parse("foo/btc"))).isEqualTo(profile);
        assertThat(profile.startPrice()).isBetween(0.01, 1_000.0);
        assertThat(profile.annualVolatility()).isBetween(0.6, 1.2);
        assertThat(SyntheticProfile.of(Symbol.parse("BAR/BTC"))).isNotEqualTo(profile);
    }

    @Test
    void volatilityClusters() {
        double[] r = abs(logReturns(generate(17, BTC, Timeframe.M1, 60 * 1440).series()));

        assertThat(correlation(r, r, 1)).isGreaterThan(0.1);
        assertThat(correlation(r, r, 60)).isGreaterThan(0.05);
    }

    @Test
    void volumeRisesWithAbsoluteReturn() {
        CandleSeries s = generate(23, ETH, Timeframe.M5, 30 * 288).series();

        assertThat(correlation(column(s, "volume"), abs(logReturns(s)), 0)).isGreaterThan(0.3);
    }

    @Test
    void aYearOfMinutesIsFastAndVisitsEveryRegime() {
        long started = System.nanoTime();
        SyntheticHistory h = generate(2025, BTC, Timeframe.M1, YEAR_OF_1M);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(h.size()).isEqualTo(YEAR_OF_1M);
        EnumSet<SyntheticRegime> seen = EnumSet.noneOf(SyntheticRegime.class);
        for (SyntheticRegime r : h.regimes()) {
            seen.add(r);
        }
        assertThat(seen).containsExactlyInAnyOrder(SyntheticRegime.values());
        // Generous bound for two shared cores; a warm run takes about 100-200 ms.
        assertThat(millis).isLessThan(5_000);
        System.out.println("generated " + YEAR_OF_1M + " 1m bars in " + millis + " ms");
    }

    @Test
    void regimeLabelsMatchWhatTheBarsDo() {
        SyntheticHistory h = generate(8, BTC, Timeframe.M5, 365 * 288);
        CandleSeries s = h.series();
        Map<SyntheticRegime, double[]> sums = new EnumMap<>(SyntheticRegime.class);
        for (int i = 0; i < s.size(); i++) {
            double r = Math.log(s.close(i) / s.open(i));
            double[] sum = sums.computeIfAbsent(h.regime(i), k -> new double[3]);
            sum[0] += r;
            sum[1] += r * r;
            sum[2]++;
        }
        double upDrift = sums.get(SyntheticRegime.TREND_UP)[0] / sums.get(SyntheticRegime.TREND_UP)[2];
        double downDrift = sums.get(SyntheticRegime.TREND_DOWN)[0] / sums.get(SyntheticRegime.TREND_DOWN)[2];
        double rangeVariance = sums.get(SyntheticRegime.RANGE)[1] / sums.get(SyntheticRegime.RANGE)[2];
        double breakoutVariance = sums.get(SyntheticRegime.BREAKOUT)[1] / sums.get(SyntheticRegime.BREAKOUT)[2];

        assertThat(upDrift).isPositive();
        assertThat(downDrift).isNegative();
        assertThat(breakoutVariance).isGreaterThan(3 * rangeVariance);
    }

    @Test
    void firstOpenMustBeOnTheGrid() {
        SyntheticMarket market = new SyntheticMarket(1);

        assertThatThrownBy(() -> market.generate(BTC, Timeframe.M5, START.plusSeconds(60), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not on the 5m grid");
    }

    @Test
    void zeroBarsGiveAnEmptyHistory() {
        assertThat(generate(1, BTC, Timeframe.H1, 0).size()).isZero();
    }
}
