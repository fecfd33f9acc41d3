package dev.shadowtrainer.features;

import dev.shadowtrainer.market.CandleSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Converts a {@link CandleSeries} into a ta4j {@link BarSeries} on {@link DoubleNum}.
 *
 * <p>Two deliberate differences from a plain copy:
 * <ul>
 * <li>Prices are multiplied by a power of ten chosen from the first bar so that the first close is
 * at least {@value #MIN_FIRST_CLOSE}: ta4j's {@code DoubleNum.equals} compares with an absolute
 * tolerance of 1e-5, which would zero +DI/-DI (and so ADX) for coins priced below a cent. Every
 * ta4j-based feature is a price ratio, so the scale cancels out; it depends on bar 0 only, which
 * is in the past of every bar.</li>
 * <li>One sentinel bar (a flat copy of the last close) is appended: ta4j 0.17 never caches the
 * value at the series' end index, and its {@code RunningTotalIndicator} (inside the SMA of the
 * Bollinger bands) switches from a running sum to an exact sum when the same index is asked
 * twice, so the last real bar would differ in its last bits from the same bar inside a longer
 * series. With the sentinel, every real bar is computed once, in order. Nothing reads the
 * sentinel's values.</li>
 * </ul>
 */
final class Ta4jBars {
    static final double MIN_FIRST_CLOSE = 100.0;

    private Ta4jBars() {
    }

    /** The power of ten that lifts the first positive close to at least {@value #MIN_FIRST_CLOSE}. */
    static double priceScale(CandleSeries candles) {
        Objects.requireNonNull(candles, "candles is null");
        for (int i = 0; i < candles.size(); i++) {
            double close = candles.close(i);
            if (close > 0 && Double.isFinite(close)) {
                if (close >= MIN_FIRST_CLOSE) {
                    return 1.0;
                }
                int exponent = (int) Math.ceil(Math.log10(MIN_FIRST_CLOSE / close));
                return Math.pow(10, exponent);
            }
        }
        return 1.0;
    }

    /** The candles as ta4j bars (scaled prices) plus the trailing sentinel bar. */
    static BarSeries toBarSeries(CandleSeries candles, double priceScale) {
        Objects.requireNonNull(candles, "candles is null");
        int n = candles.size();
        Duration period = candles.id().timeframe().duration();
        List<Bar> bars = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            bars.add(new BaseBar(period, endTime(candles.closeTime(i)),
                    num(candles.open(i) * priceScale), num(candles.high(i) * priceScale),
                    num(candles.low(i) * priceScale), num(candles.close(i) * priceScale),
                    num(candles.volume(i)), DoubleNum.ZERO));
        }
        if (n > 0) {
            Num last = num(candles.close(n - 1) * priceScale);
            bars.add(new BaseBar(period, endTime(candles.closeTime(n - 1) + period.toMillis()),
                    last, last, last, last, DoubleNum.ZERO, DoubleNum.ZERO));
        }
        return new BaseBarSeriesBuilder()
                .withName(candles.id().toString())
                .withNumTypeOf(DoubleNum.class)
                .withBars(bars)
                .build();
    }

    private static Num num(double value) {
        return DoubleNum.valueOf(value);
    }

    private static ZonedDateTime endTime(long epochMillis) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
