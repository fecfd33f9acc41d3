package dev.shadowtrainer.config;

import dev.shadowtrainer.market.Timeframe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole resolved configuration as typed sections, plus every value with its origin for
 * provenance and summaries.
 */
public record ShadowConfig(long seed, DataConfig data, FeaturesConfig features, TrainingConfig training,
                           EvaluationConfig evaluation, MemoryConfig memory, OutputConfig output,
                           DatabaseConfig database, RlConfig rl, Map<String, Setting> settings) {
    public ShadowConfig {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(features, "features is null");
        Objects.requireNonNull(training, "training is null");
        Objects.requireNonNull(evaluation, "evaluation is null");
        Objects.requireNonNull(memory, "memory is null");
        Objects.requireNonNull(output, "output is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(rl, "rl is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Candle data: where from, which market, how much. */
    public record DataConfig(String source, String exchange, String symbol, Timeframe timeframe, int days,
                             String cacheDir, int minBars, String lowerSource, Timeframe lowerTimeframe) {
    }

    public record FeaturesConfig(int normalizationWindow) {
    }

    /** @param checkpointEvery PPO updates between the checkpoints of a train run */
    public record TrainingConfig(RlAgentConfig rlAgent, ShadowTradingConfig shadowTrading, int checkpointEvery) {
    }

    /**
     * The PPO agent (hyperparameters under CleanRL's names) and its reward. hidden_sizes is parsed here
     * into widths; a bad list is a config error naming the key.
     */
    public record RlAgentConfig(boolean enabled, double learningRate, double gamma, int stateDim, int numEnvs,
                                int numSteps, boolean annealLr, double gaeLambda, int numMinibatches,
                                int updateEpochs, boolean normAdv, double clipCoef, boolean clipVloss, double entCoef,
                                double vfCoef, double maxGradNorm, double targetKl, List<Integer> hiddenSizes,
                                long totalTimesteps, int episodeBars, String rewardClass, double rewardScale,
                                double missedOpportunityPenalty, double holdingCost) {
        public RlAgentConfig {
            hiddenSizes = List.copyOf(hiddenSizes);
            if ((long) numEnvs * numSteps % numMinibatches != 0) {
                throw new ConfigException("config key 'training.rl_agent.num_minibatches' = " + numMinibatches
                        + " does not divide num_envs * num_steps = " + (long) numEnvs * numSteps
                        + "; choose a divisor so every minibatch has the same size");
            }
            if (episodeBars == 1) {
                throw new ConfigException("config key 'training.rl_agent.episode_bars' = 1 is too short: an episode"
                        + " needs at least 2 bars; set 0 (a test window's length) or 2 or more");
            }
        }

        static List<Integer> parseHiddenSizes(String text) {
            List<Integer> sizes = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                try {
                    int width = Integer.parseInt(part.trim());
                    if (width < 1 || width > 4096) {
                        throw new NumberFormatException();
                    }
                    sizes.add(width);
                } catch (NumberFormatException e) {
                    throw new ConfigException("config key 'training.rl_agent.hidden_sizes' = '" + text
                            + "' is not a comma-separated list of widths 1..4096, e.g. 64,64");
                }
            }
            return sizes;
        }
    }

    public record ShadowTradingConfig(boolean enabled, double positionSize, String quoteCurrency, int maxHoldMinutes,
                                      double stopLossBps, double takeProfitBps, double minConfidenceThreshold,
                                      double makerFeeBps, double takerFeeBps, double slippageBps,
                                      double sizeMultiplierSmall, double sizeMultiplierNormal,
                                      double sizeMultiplierLarge, double leverage, double maintenanceMarginRate,
                                      String entryOrder, double makerOffsetBps, int makerExpiryBars,
                                      int winRateWindow, int circuitBreakerCooldownBars, double dailyLossLimit) {
    }

    /**
     * Walk-forward evaluation: fold windows in days, the bars left out between training and test, the
     * number of configurations tried (for the deflated Sharpe ratio) and the equity each test window
     * starts with. Single keys are range-checked by the schema; the one rule across keys is checked here.
     */
    public record EvaluationConfig(int trainDays, int testDays, int stepDays, int purgeBars, int embargoBars,
                                   int trials, double initialEquity) {
        public EvaluationConfig {
            if (stepDays < testDays) {
                throw new ConfigException("config key 'evaluation.step_days' = " + stepDays
                        + " is less than evaluation.test_days = " + testDays
                        + ", so test windows would overlap; set step_days to at least test_days");
            }
        }
    }

    /**
     * @param indexSize  resolved trades the in-process look-up index keeps (the latest ones)
     * @param neighbours k of the look-up: the nearest past trades the memory features summarise
     */
    public record MemoryConfig(int indexSize, int neighbours, double vectorSimilarityThreshold,
                               int minPatternOccurrences) {
        public MemoryConfig {
            if (neighbours > indexSize) {
                throw new ConfigException("config key 'memory.neighbours' = " + neighbours
                        + " is more than memory.index_size = " + indexSize
                        + ", so a look-up could never find them all; lower neighbours or raise index_size");
            }
        }
    }

    /**
     * The tabular RL agents (package {@code dev.shadowtrainer.rl}).
     *
     * @param enabled     run the meta-strategy and sizing agents on the shadow trader's events
     * @param preset      which design's action grids and epsilon decay: v2 or v2_domain
     * @param sizingAgent which sizing agent: v1 (300 states x 25 actions, bandit update) or v2
     * @param saveEvery   Q-table updates between saves
     * @param atrTargetPercent ATR (percent of the close) at which the ATR sizer orders 1.0 x position_size
     */
    public record RlConfig(boolean enabled, String preset, String sizingAgent, int saveEvery,
                           double atrTargetPercent) {
    }

    /** Where run outputs go. */
    public record OutputConfig(String runsDir, String modelsDir) {
    }

    /** Where trade memory lives; {@link #toString()} never shows a password. */
    public record DatabaseConfig(String url) {
        @Override
        public String toString() {
            return "DatabaseConfig[url=" + redacted() + "]";
        }

        /** The url with any password replaced by ***. */
        public String redacted() {
            return DatabaseUrls.redact(url);
        }
    }

    /**
     * The nightly job's settings (nightly.*).
     *
     * @param trainDays        days retrained on, ending where the held-out window begins
     * @param holdoutDays      newest days held out of training, on which challenger and champion are compared
     * @param metric           sharpe or total_return
     * @param minImprovement   fraction of the champion's metric the challenger must beat it by
     * @param significance     largest p-value counted as a real difference
     * @param minTrades        fewest held-out trades of a promotable challenger
     * @param lookaheadSamples decision points of the challenger's lookahead check
     */
    public record NightlyConfig(int trainDays, int holdoutDays, String metric, double minImprovement,
                                double significance, int minTrades, int lookaheadSamples) {
    }

    public NightlyConfig nightly() {
        return new NightlyConfig(integer(settings, "nightly.train_days"), integer(settings, "nightly.holdout_days"),
                str(settings, "nightly.metric"), num(settings, "nightly.min_improvement"),
                num(settings, "nightly.significance"), integer(settings, "nightly.min_trades"),
                integer(settings, "nightly.lookahead_samples"));
    }

    static ShadowConfig from(Map<String, Setting> s) {
        return new ShadowConfig(
                lng(s, "seed"),
                new DataConfig(str(s, "data.source"), str(s, "data.exchange"), str(s, "data.symbol"),
                        Timeframe.parse(str(s, "data.timeframe")), integer(s, "data.days"), str(s, "data.cache_dir"),
                        integer(s, "data.min_bars"), str(s, "data.lower_source"),
                        Timeframe.parse(str(s, "data.lower_timeframe"))),
                new FeaturesConfig(integer(s, "features.normalization_window")),
                new TrainingConfig(
                        new RlAgentConfig(bool(s, "training.rl_agent.enabled"),
                                num(s, "training.rl_agent.learning_rate"), num(s, "training.rl_agent.gamma"),
                                integer(s, "training.rl_agent.state_dim"), integer(s, "training.rl_agent.num_envs"),
                                integer(s, "training.rl_agent.num_steps"), bool(s, "training.rl_agent.anneal_lr"),
                                num(s, "training.rl_agent.gae_lambda"), integer(s, "training.rl_agent.num_minibatches"),
                                integer(s, "training.rl_agent.update_epochs"), bool(s, "training.rl_agent.norm_adv"),
                                num(s, "training.rl_agent.clip_coef"), bool(s, "training.rl_agent.clip_vloss"),
                                num(s, "training.rl_agent.ent_coef"), num(s, "training.rl_agent.vf_coef"),
                                num(s, "training.rl_agent.max_grad_norm"), num(s, "training.rl_agent.target_kl"),
                                RlAgentConfig.parseHiddenSizes(str(s, "training.rl_agent.hidden_sizes")),
                                lng(s, "training.rl_agent.total_timesteps"),
                                integer(s, "training.rl_agent.episode_bars"),
                                str(s, "training.rl_agent.reward_class"), num(s, "training.rl_agent.reward_scale"),
                                num(s, "training.rl_agent.missed_opportunity_penalty"),
                                num(s, "training.rl_agent.holding_cost")),
                        new ShadowTradingConfig(bool(s, "training.shadow_trading.enabled"),
                                num(s, "training.shadow_trading.position_size"),
                                str(s, "training.shadow_trading.quote_currency"),
                                integer(s, "training.shadow_trading.max_hold_minutes"),
                                num(s, "training.shadow_trading.stop_loss_bps"),
                                num(s, "training.shadow_trading.take_profit_bps"),
                                num(s, "training.shadow_trading.min_confidence_threshold"),
                                num(s, "training.shadow_trading.maker_fee_bps"),
                                num(s, "training.shadow_trading.taker_fee_bps"),
                                num(s, "training.shadow_trading.slippage_bps"),
                                num(s, "training.shadow_trading.size_multiplier_small"),
                                num(s, "training.shadow_trading.size_multiplier_normal"),
                                num(s, "training.shadow_trading.size_multiplier_large"),
                                num(s, "training.shadow_trading.leverage"),
                                num(s, "training.shadow_trading.maintenance_margin_rate"),
                                str(s, "training.shadow_trading.entry_order"),
                                num(s, "training.shadow_trading.maker_offset_bps"),
                                integer(s, "training.shadow_trading.maker_expiry_bars"),
                                integer(s, "training.shadow_trading.win_rate_window"),
                                integer(s, "training.shadow_trading.circuit_breaker_cooldown_bars"),
                                num(s, "training.shadow_trading.daily_loss_limit")),
                        integer(s, "training.checkpoint_every")),
                new EvaluationConfig(integer(s, "evaluation.train_days"), integer(s, "evaluation.test_days"),
                        integer(s, "evaluation.step_days"), integer(s, "evaluation.purge_bars"),
                        integer(s, "evaluation.embargo_bars"), integer(s, "evaluation.trials"),
                        num(s, "evaluation.initial_equity")),
                new MemoryConfig(integer(s, "memory.index_size"), integer(s, "memory.neighbours"),
                        num(s, "memory.vector_similarity_threshold"),
                        integer(s, "memory.min_pattern_occurrences")),
                new OutputConfig(str(s, "output.runs_dir"), str(s, "output.models_dir")),
                new DatabaseConfig(str(s, "database.url")),
                new RlConfig(bool(s, "rl.enabled"), str(s, "rl.preset"), str(s, "rl.sizing_agent"),
                        integer(s, "rl.save_every"), num(s, "rl.atr_target_percent")),
                withRedactedUrl(s));
    }

    /** Settings are kept for provenance and printed in summaries, so the url is stored without password. */
    private static Map<String, Setting> withRedactedUrl(Map<String, Setting> s) {
        Map<String, Setting> copy = new LinkedHashMap<>(s);
        Setting url = copy.get("database.url");
        copy.put("database.url", new Setting(DatabaseUrls.redact((String) url.value()), url.origin()));
        return copy;
    }

    /** Every key and its value as plain text (passwords redacted), sorted by key; for summaries. */
    public Map<String, Object> effectiveValues() {
        Map<String, Object> out = new java.util.TreeMap<>();
        settings.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    private static Object get(Map<String, Setting> s, String key) {
        Setting setting = s.get(key);
        if (setting == null) {
            throw new IllegalStateException("no value for " + key);
        }
        return setting.value();
    }

    private static String str(Map<String, Setting> s, String key) {
        return (String) get(s, key);
    }

    private static boolean bool(Map<String, Setting> s, String key) {
        return (Boolean) get(s, key);
    }

    private static long lng(Map<String, Setting> s, String key) {
        return ((Number) get(s, key)).longValue();
    }

    private static int integer(Map<String, Setting> s, String key) {
        return Math.toIntExact(lng(s, key));
    }

    private static double num(Map<String, Setting> s, String key) {
        return ((Number) get(s, key)).doubleValue();
    }
}
