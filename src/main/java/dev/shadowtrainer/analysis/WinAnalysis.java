package dev.shadowtrainer.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The win analyzer's result.
 *
 * @param patterns      every pattern with at least the minimum number of members, ascending by id
 * @param skills        every winning agent trade, by entry time
 * @param scoredWinners winning agent trades that had enough comparables for a skill score
 * @param meanSkill     mean skill score of those, null when none had one
 */
public record WinAnalysis(List<PatternWin> patterns, List<SkillScore> skills, int scoredWinners, Double meanSkill) {
    public WinAnalysis {
        patterns = List.copyOf(patterns);
        skills = List.copyOf(skills);
    }

    /** The result with its summary worked out from the rows. */
    public static WinAnalysis of(List<PatternWin> patterns, List<SkillScore> skills) {
        double sum = 0;
        int n = 0;
        for (SkillScore s : skills) {
            if (s.skill() != null) {
                sum += s.skill();
                n++;
            }
        }
        return new WinAnalysis(patterns, skills, n, n == 0 ? null : sum / n);
    }

    /**
     * One pattern's record: win rate and its Wilson interval (95 %), and the entry features that best
     * separate its winners from its losers (empty when it has only winners or only losers).
     *
     * @param reliability Wilson lower bound of the win rate
     * @param wilsonUpper Wilson upper bound of the win rate
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatternWin(int pattern, int members, int winners, double winRate, double reliability,
                             double wilsonUpper, List<FeatureEffect> contributingFeatures) {
        public PatternWin {
            contributingFeatures = List.copyOf(contributingFeatures);
        }

        @JsonProperty
        public int losers() {
            return members - winners;
        }
    }

    /**
     * Skill versus luck of one winning agent trade: the share of comparable shadow trades whose pnl %
     * was below this trade's, ties counting half; null when there were too few comparables to say.
     */
    public record SkillScore(String tradeKey, int pattern, String regime, double pnlPercent, int comparables,
                             Double skill) {
        public SkillScore {
            Objects.requireNonNull(tradeKey, "tradeKey is null");
            Objects.requireNonNull(regime, "regime is null");
        }
    }
}
