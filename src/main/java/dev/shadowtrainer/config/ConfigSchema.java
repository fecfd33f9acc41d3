package dev.shadowtrainer.config;

import dev.shadowtrainer.config.ConfigKey.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key the trainer knows, with defaults and ranges; nothing else is accepted. */
public final class ConfigSchema {
    private static final List<String> TIMEFRAMES = List.of("1m", "5m", "15m", "1h", "4h", "1d");

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    public ConfigSchema() {
        add(integer("seed", 42, 1, 9_007_199_254_740_991L,
                "seed for every random choice (synthetic data, agents); 0 is refused, DL4J reads it as no seed"));

        add(text("data.source", "auto", List.of(),
                "candle source: auto, cache, xchange, synthetic or file:PATH"));
        add(text("data.exchange", "binance", List.of(), "exchange for xchange downloads and the cache"));
        add(text("data.symbol", "BTC/USDT", List.of(), "trading pair, BASE/QUOTE"));
        add(text("data.timeframe", "15m", TIMEFRAMES, "candle timeframe"));
        add(integer("data.days", 365, 1, 36_500, "days of history, counted back from the newest candle"));
        add(text("data.cache_dir", "data/candles", List.of(), "folder of the local candle cache"));
        add(text("data.lower_source", "none", List.of(),
                "lower-timeframe candles that decide bars touching both stop and target: none, cache or file:PATH"));
        add(text("data.lower_timeframe", "1m", TIMEFRAMES, "timeframe of data.lower_source"));
        add(integer("data.min_bars", 500, 50, 10_000_000,
                "fewest usable bars (after warm-up) a run accepts before it reports insufficient data"));

        add(integer("features.normalization_window", 500, 20, 100_000,
                "bars in the rolling window of the past-only feature normalisation"));

        add(bool("training.rl_agent.enabled", true, "train the PPO agent"));
        add(number("training.rl_agent.learning_rate", 0.001, 0, true, 1,
                "Adam step size, annealed to 0 when anneal_lr"));
        add(number("training.rl_agent.gamma", 0.99, 0, true, 1, "discount factor"));
        add(integer("training.rl_agent.state_dim", 80, 8, 4096, "observation size of the agent"));
        add(integer("training.rl_agent.num_envs", 64, 1, 4096,
                "environments stepped in lockstep, one batched forward pass for all of them per step"));
        add(integer("training.rl_agent.num_steps", 128, 1, 100_000, "steps per environment in each rollout"));
        add(bool("training.rl_agent.anneal_lr", true, "anneal the learning rate linearly to zero"));
        add(number("training.rl_agent.gae_lambda", 0.95, 0, false, 1, "lambda of generalised advantage estimation"));
        add(integer("training.rl_agent.num_minibatches", 8, 1, 1_000_000,
                "minibatches per epoch; num_envs * num_steps must be a multiple of it"));
        add(integer("training.rl_agent.update_epochs", 4, 1, 1000, "passes over each rollout per update"));
        add(bool("training.rl_agent.norm_adv", true, "normalise advantages per minibatch"));
        add(number("training.rl_agent.clip_coef", 0.2, 0, true, 10, "surrogate clipping coefficient"));
        add(bool("training.rl_agent.clip_vloss", true, "clip the value loss like the policy ratio"));
        add(number("training.rl_agent.ent_coef", 0.01, 0, false, 10, "entropy bonus coefficient"));
        add(number("training.rl_agent.vf_coef", 0.5, 0, false, 100, "value loss coefficient"));
        add(number("training.rl_agent.max_grad_norm", 0.5, 0, true, 1e6, "global gradient norm clip"));
        add(number("training.rl_agent.target_kl", 0, 0, false, 100,
                "stop an update's epochs once approx_kl exceeds this (0 = never)"));
        add(text("training.rl_agent.hidden_sizes", "64,64", List.of(),
                "widths of the hidden tanh layers of the actor and of the critic, comma-separated"));
        add(integer("training.rl_agent.total_timesteps", 100_000, 1, 10_000_000_000L,
                "environment steps of training per walk-forward fold (all environments together)"));
        add(integer("training.rl_agent.episode_bars", 0, 0, 10_000_000,
                "bars per training episode (0 = the length of a test window)"));
        add(text("training.rl_agent.reward_class", "default", List.of(),
                "reward: default, or the name of a class implementing dev.shadowtrainer.agent.env.RewardFunction"));
        add(number("training.rl_agent.reward_scale", 1.0, 0, true, 1e6,
                "multiplies a closed trade's pnl (percent of position_size) in the default reward"));
        add(number("training.rl_agent.missed_opportunity_penalty", 0.25, 0, false, 100,
                "weight of the profit missed within 4h after an exit in the default reward"));
        add(number("training.rl_agent.holding_cost", 0.0, 0, false, 100,
                "charge per bar in a position, percent of position_size, in the default reward"));

        add(integer("training.checkpoint_every", 10, 1, 1_000_000_000,
                "PPO updates between the checkpoints a train run saves to resume from (train --resume RUN-ID); "
                        + "one is also saved on Ctrl-C"));

        add(bool("training.shadow_trading.enabled", true, "record every possible (shadow) trade"));
        add(number("training.shadow_trading.position_size", 1000, 0, true, 1e12,
                "position size in quote currency before the size multiplier"));
        add(text("training.shadow_trading.quote_currency", "USDT", List.of(), "currency of sizes and pnl"));
        add(integer("training.shadow_trading.max_hold_minutes", 120, 1, 525_600,
                "longest a position may stay open"));
        add(number("training.shadow_trading.stop_loss_bps", 15, 0, true, 10_000, "stop-loss distance in bps"));
        add(number("training.shadow_trading.take_profit_bps", 20, 0, true, 100_000, "take-profit distance in bps"));
        add(number("training.shadow_trading.min_confidence_threshold", 0.52, 0, false, 1,
                "lowest policy confidence that opens a trade"));
        add(number("training.shadow_trading.maker_fee_bps", 2.0, -100, false, 1000,
                "maker fee per leg in bps (negative = rebate)"));
        add(number("training.shadow_trading.taker_fee_bps", 5.0, -100, false, 1000, "taker fee per leg in bps"));
        add(number("training.shadow_trading.slippage_bps", 1.0, 0, false, 1000,
                "slippage on market orders in bps"));
        add(number("training.shadow_trading.size_multiplier_small", 0.5, 0, true, 100,
                "position_size multiple of ENTER_LONG_SMALL"));
        add(number("training.shadow_trading.size_multiplier_normal", 1.0, 0, true, 100,
                "position_size multiple of ENTER_LONG_NORMAL"));
        add(number("training.shadow_trading.size_multiplier_large", 1.5, 0, true, 100,
                "position_size multiple of ENTER_LONG_LARGE"));
        add(number("training.shadow_trading.leverage", 1, 1, false, 125,
                "leverage with isolated margin; 1 means no liquidation"));
        add(number("training.shadow_trading.maintenance_margin_rate", 0.005, 0, false, 0.5,
                "maintenance margin as a fraction of notional; liquidation when the loss reaches margin minus this"));
        add(text("training.shadow_trading.entry_order", "market", List.of("market", "maker"),
                "entry order type: market (next open plus slippage) or maker (post-only limit below the close)"));
        add(number("training.shadow_trading.maker_offset_bps", 2, 0, false, 1000,
                "how far below the decision bar's close a maker entry's limit price sits, in bps"));
        add(integer("training.shadow_trading.maker_expiry_bars", 3, 1, 10_000,
                "bars a maker entry waits for a fill before it expires unfilled"));
        add(integer("training.shadow_trading.win_rate_window", 20, 1, 10_000,
                "closed trades in the trailing win rate of the circuit breaker"));
        add(integer("training.shadow_trading.circuit_breaker_cooldown_bars", 96, 0, 1_000_000,
                "bars new entries stay paused after the trailing win rate falls below 50%"));
        add(number("training.shadow_trading.daily_loss_limit", 100, 0, false, 1e12,
                "loss in quote currency within one UTC day that closes the position and pauses entries until the "
                        + "next day (0 = off)"));

        add(integer("evaluation.train_days", 30, 1, 36_500, "days in each walk-forward training window"));
        add(integer("evaluation.test_days", 7, 1, 36_500, "days in each out-of-sample test window"));
        add(integer("evaluation.step_days", 7, 1, 36_500,
                "days between the starts of consecutive folds; at least test_days so test windows never overlap"));
        add(integer("evaluation.purge_bars", 8, 0, 1_000_000,
                "bars left out after each training window because a trade opened there may still be open "
                        + "(at least max_hold_minutes in bars)"));
        add(integer("evaluation.embargo_bars", 24, 0, 1_000_000,
                "further bars left out before each test window against serial correlation"));
        add(integer("evaluation.trials", 1, 1, 1_000_000_000,
                "configurations tried, this one included, for the deflated Sharpe ratio"));
        add(number("evaluation.initial_equity", 10_000, 0, true, 1e12,
                "equity each test window starts with, in quote currency"));

        add(integer("memory.index_size", 256, 1, 1_000_000,
                "resolved trades the in-process look-up index keeps (the latest); each look-up scans them all"));
        add(integer("memory.neighbours", 10, 1, 1_000,
                "nearest past trades (k) whose win rate, pnl and similarity become memory features"));
        add(number("memory.vector_similarity_threshold", 0.7, 0, false, 1,
                "cosine similarity above which two trades count as alike"));
        add(integer("memory.min_pattern_occurrences", 30, 1, 1_000_000,
                "trades a pattern needs before its statistics are trusted (and before it can be blacklisted)"));

        add(bool("rl.enabled", true, "size the policy's test-window entries with the sizing agent (rl.sizing_agent) and evaluate the v2 "
                + "meta-strategy agent meta-rl (false: ATR sizing, no meta-rl)"));
        add(text("rl.preset", "v2", List.of("v2", "v2_domain"),
                "RL v2 variant: v2 (48 meta x 56 sizing actions, epsilon x0.995 per episode) or v2_domain "
                        + "(60 x 40, x0.999)"));
        add(text("rl.sizing_agent", "v1", List.of("v1", "v2"),
                "sizing agent of the policy's test-window entries: v1 (300 states x 25 actions, alpha 0.15, epsilon "
                        + "0.10) or v2 (540 states x the rl.preset sizing grid, alpha 0.01, gamma 0.99)"));
        add(integer("rl.save_every", 100, 1, 1_000_000_000, "Q-table updates between saves of the agents' tables"));
        add(number("rl.atr_target_percent", 0.5, 0, true, 100,
                "ATR sizing (rl.enabled false, or the sizing agent failing): size multiplier = target / ATR(14) in "
                        + "percent of the close, clamped to [0.3, 1.5]"));

        add(integer("nightly.train_days", 90, 1, 36_500,
                "days nightly retrains on (walk-forward, as train), ending where the held-out window begins"));
        add(integer("nightly.holdout_days", 14, 1, 36_500,
                "newest days nightly holds out of training and tests the challenger and the champion on"));
        add(text("nightly.metric", "sharpe", List.of("sharpe", "total_return"),
                "held-out result nightly compares, after fees and slippage: sharpe (annualised) or total_return"));
        add(number("nightly.min_improvement", 0.10, 0, false, 100,
                "a challenger is promoted only if its metric beats the champion's by at least this fraction of "
                        + "the champion's (0.10 = 10%)"));
        add(number("nightly.significance", 0.05, 0, true, 1,
                "largest p-value of the paired t-test on the two models' per-bar held-out returns that counts as "
                        + "a real difference"));
        add(integer("nightly.min_trades", 10, 0, 1_000_000,
                "fewest trades a challenger must make in the held-out window to be promoted"));
        add(integer("nightly.lookahead_samples", 10, 1, 10_000,
                "decision points of the lookahead check every challenger must pass to be promoted"));

        add(text("output.runs_dir", "runs", List.of(), "folder under which each run writes runs/<run-id>/"));
        add(text("output.models_dir", "models", List.of(),
                "folder under which train saves the trained agent as models/<run-id>/"));

        add(text("database.url", "h2:data/memory/shadow-trainer", List.of(),
                "trade memory: h2:PATH (embedded) or postgresql://user@host:port/db"));
    }

    private void add(ConfigKey key) {
        keys.put(key.path(), key);
    }

    private static ConfigKey bool(String path, boolean def, String description) {
        return new ConfigKey(path, Type.BOOLEAN, def, null, false, null, List.of(), description);
    }

    private static ConfigKey integer(String path, long def, long min, long max, String description) {
        return new ConfigKey(path, Type.INTEGER, def, (double) min, false, (double) max, List.of(), description);
    }

    private static ConfigKey number(String path, double def, double min, boolean minExclusive, double max,
                                    String description) {
        return new ConfigKey(path, Type.NUMBER, def, min, minExclusive, max, List.of(), description);
    }

    private static ConfigKey text(String path, String def, List<String> allowed, String description) {
        return new ConfigKey(path, Type.STRING, def, null, false, null, allowed, description);
    }

    public Optional<ConfigKey> key(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    /** Whether {@code path} is a section (a prefix of some key), e.g. {@code training.rl_agent}. */
    public boolean isSection(String path) {
        String prefix = path + ".";
        return keys.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** Keys directly or indirectly under a section, for "known keys" hints. */
    public List<String> keysUnder(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return keys.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
