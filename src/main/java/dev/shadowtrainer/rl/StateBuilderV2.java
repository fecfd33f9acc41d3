package dev.shadowtrainer.rl;

import dev.shadowtrainer.features.EquitySlope;
import dev.shadowtrainer.features.ReturnVolatility;
import dev.shadowtrainer.features.TrailingWinRate;
import dev.shadowtrainer.features.TrendRegime;
import java.util.Objects;

/**
 * Builds the v2 states from what is known at a bar, looking only backwards:
 * <ul>
 * <li>volatility: sample std of the last {@code volatilityLookback} (default 14) one-bar simple returns ending
 * at the bar ({@link ReturnVolatility#ofPrices}); fewer bars use what there is (0 with under 2 returns)</li>
 * <li>market pressure: tanh(20 &times; (close_t / close_{t&minus;5} &minus; 1)) in (&minus;1, 1); 0 before bar 5</li>
 * <li>trailing win rate: {@link TrailingWinRate} of the last 20 trades (0.5 before any)</li>
 * <li>account health: {@link AccountHealth} of the drawdown below peak equity</li>
 * <li>equity-curve slope: {@link EquitySlope} of the last {@code equityWindow} (default 30) equity points</li>
 * </ul>
 */
public final class StateBuilderV2 {
    public static final int DEFAULT_VOLATILITY_LOOKBACK = 14;
    public static final int DEFAULT_PRESSURE_LOOKBACK = 5;
    public static final double PRESSURE_GAIN = 20.0;
    public static final int DEFAULT_EQUITY_WINDOW = 30;

    private final int volatilityLookback;
    private final int equityWindow;

    public StateBuilderV2() {
        this(DEFAULT_VOLATILITY_LOOKBACK, DEFAULT_EQUITY_WINDOW);
    }

    public StateBuilderV2(int volatilityLookback, int equityWindow) {
        if (volatilityLookback < 2 || equityWindow < 2) {
            throw new IllegalArgumentException("volatility lookback and equity window must be >= 2, got "
                    + volatilityLookback + " and " + equityWindow);
        }
        this.volatilityLookback = volatilityLookback;
        this.equityWindow = equityWindow;
    }

    /**
     * The meta state at bar {@code bar} of {@code closes} (only {@code closes[0..bar]} is read).
     *
     * @param drawdown current drawdown below peak equity, a fraction
     */
    public MetaStateV2 meta(TrendRegime regime, double[] closes, int bar, double confidence, TrailingWinRate wins,
                            double drawdown) {
        Objects.checkIndex(bar, closes.length);
        return new MetaStateV2(regime, volatility(closes, bar), marketPressure(closes, bar), confidence, wins.rate(),
                AccountHealth.of(drawdown));
    }

    /**
     * The sizing state; {@code equity[0, points)} is the equity curve so far (only its last equityWindow points
     * are read).
     */
    public SizingStateV2 sizing(double confidence, double exposure, TrailingWinRate wins, double volatility,
                                double[] equity, int points) {
        return sizing(confidence, exposure, wins.rate(), volatility, equity, points);
    }

    /** {@link #sizing(double, double, TrailingWinRate, double, double[], int)} with the win rate as a number. */
    public SizingStateV2 sizing(double confidence, double exposure, double winRate, double volatility,
                                double[] equity, int points) {
        Objects.checkFromToIndex(0, points, equity.length);
        double slope = EquitySlope.of(equity, Math.max(0, points - equityWindow), points);
        return new SizingStateV2(confidence, exposure, winRate, volatility, slope);
    }

    /** Sample std of the one-bar returns in {@code closes[bar - lookback, bar]}. */
    public double volatility(double[] closes, int bar) {
        Objects.checkIndex(bar, closes.length);
        return ReturnVolatility.ofPrices(closes, Math.max(0, bar - volatilityLookback), bar + 1);
    }

    /** tanh(20 &times; (close_bar / close_{bar&minus;5} &minus; 1)); 0 when bar &lt; 5. */
    public static double marketPressure(double[] closes, int bar) {
        Objects.checkIndex(bar, closes.length);
        if (bar < DEFAULT_PRESSURE_LOOKBACK) {
            return 0.0;
        }
        return Math.tanh(PRESSURE_GAIN * (closes[bar] / closes[bar - DEFAULT_PRESSURE_LOOKBACK] - 1.0));
    }
}
