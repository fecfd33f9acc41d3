package dev.shadowtrainer.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The post-exit analyzer's result.
 *
 * @param exitTiming "all" first, then each kind of trade present (agent, shadow, live)
 * @param holding    every pattern with members, ascending by id
 */
public record PostExitAnalysis(List<ExitTiming> exitTiming, List<HoldingPeriod> holding) {
    public PostExitAnalysis {
        exitTiming = List.copyOf(exitTiming);
        holding = List.copyOf(holding);
    }

    /** The holding horizons compared: the exit as taken, and holding on 1, 4 or 24 hours longer. */
    public enum Horizon {
        AT_EXIT(0), PLUS_1H(60), PLUS_4H(240), PLUS_24H(1440);

        private final int minutesAfterExit;

        Horizon(int minutesAfterExit) {
            this.minutesAfterExit = minutesAfterExit;
        }

        public int minutesAfterExit() {
            return minutesAfterExit;
        }
    }

    /**
     * How well one group of trades timed its exits.
     *
     * @param scope              all, agent, shadow or live
     * @param trades             trades of the scope with a post-exit row
     * @param accuracy           aboutRight / (trades − pending), null when none is settled
     * @param missedProfitTrades trades whose missed profit is known
     * @param missedProfitTotal  quote currency, null when none is known
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExitTiming(String scope, int trades, int aboutRight, int tooEarly, int tooLate, int pending,
                             Double accuracy, int missedProfitTrades, Double missedProfitTotal,
                             Double missedProfitMean) {
        public ExitTiming {
            Objects.requireNonNull(scope, "scope is null");
        }

        @JsonProperty
        public int settled() {
            return trades - pending;
        }
    }

    /**
     * The holding period one pattern should have had. Returns are percent of the entry price after the
     * trade's own fees; means over the {@code complete} members (those with all three post-exit prices).
     *
     * @param meanHoldMinutes how long the members were held, on average
     * @param recommended     the horizon with the highest mean return (the earlier on a tie); null with
     *                        fewer complete members than the minimum
     */
    public record HoldingPeriod(int pattern, int members, int complete, double meanHoldMinutes,
                                Double meanReturnAtExit, Double meanReturn1h, Double meanReturn4h,
                                Double meanReturn24h, Horizon recommended) {
    }
}
