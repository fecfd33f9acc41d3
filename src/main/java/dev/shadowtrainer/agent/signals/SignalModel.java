package dev.shadowtrainer.agent.signals;

import dev.shadowtrainer.sim.Observation;
import java.util.List;
import org.ta4j.core.BarSeries;

/**
 * A rule strategy of one family that advises LONG or FLAT with a confidence at each bar. Built from ta4j
 * indicators and rules on a {@link BarSeries} (see {@link SignalBars}); the advice at bar {@code i} reads bars
 * {@code <= i} only (tested cut against full). A model may instead read the policy's observation at the decision
 * bar (the PPO network does: {@code agent.env.NetworkSignalModel}); it then overrides
 * {@link Bound#at(int, Observation)}.
 */
public interface SignalModel {
    /** A short stable name, used as the meta agent's signal-model slot, e.g. {@code trend-follow}. */
    String name();

    /**
     * The strategy family, one of the v2 meta strategies: TREND, RANGE, BREAKOUT or MEAN_REVERSION; a model of
     * no single family (the PPO network) says ANY.
     */
    String family();

    /** This model's indicators on {@code series}; compute them once and ask for bars in any order. */
    Bound bind(BarSeries series);

    /** A model's indicators on one series. */
    interface Bound {
        /** The advice at bar {@code index}; {@link Signal#WARMING_UP} while the indicators are unstable. */
        Signal at(int index);

        /**
         * The advice at bar {@code index}, where {@code observation} is what the policy asking sees at that bar's
         * close (the same bar); the rule models ignore it and answer {@link #at(int)}.
         */
        default Signal at(int index, Observation observation) {
            return at(index);
        }
    }

    /** The four families' models in the meta grid's strategy order: trend, range, breakout, mean reversion. */
    static List<SignalModel> families() {
        return List.of(new TrendFollowModel(), new RangeModel(), new BreakoutModel(), new MeanReversionModel());
    }

    /** The names of {@code models}, for {@code MetaActions.withSignalModels}. */
    static List<String> names(List<SignalModel> models) {
        return models.stream().map(SignalModel::name).toList();
    }
}
