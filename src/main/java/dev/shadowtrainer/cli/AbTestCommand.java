package dev.shadowtrainer.cli;

import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.LoadedSeries;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.rl.AbTestReport;
import dev.shadowtrainer.rl.AbTestResult;
import dev.shadowtrainer.rl.AbTestSizer;
import dev.shadowtrainer.rl.PositionSizingAgentV1;
import dev.shadowtrainer.rl.RMultiple;
import dev.shadowtrainer.rl.SizingAgentSizer;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ab-test}: the sizing design's A/B plan, RL sizing against the ATR baseline on one policy's signals. */
@Command(name = "ab-test", mixinStandardHelpOptions = true,
        description = {"Run the position-sizing A/B plan in the simulator: a rule policy trades the window once; each "
                + "entry is assigned by a seeded coin to group A (sized by the v1 Q-learning sizing agent, which "
                + "learns from its own group's closed trades) or group B (sized by the ATR baseline). Prints per group "
                + "trades, win rate, mean R, Sharpe (mean R / sd R per trade), max drawdown and total pnl, then "
                + "Welch's t-test on the R-multiples (t, df, two-sided p), Cohen's d and the verdict.",
                "R = pnl / (notional x training.shadow_trading.stop_loss_bps / 10000). A difference is called "
                        + "significant only when p < 0.05 and both groups hold at least 100 trades; otherwise the "
                        + "verdict says why not (exit code 0 either way).",
                "Example: ab-test --symbol BTC/USDT --days 90 --source file:BTCUSDT_15m.csv --policy trend-rule"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:test run and reported, whether or not the difference is significant (also when a group has "
                        + "fewer than 100 trades: the verdict says so)",
                "1:internal error (a bug: rerun with --verbose and report the stack trace)",
                "2:usage: unknown option, unknown --policy, bad flag or config value",
                "3:bad or insufficient market data",
                "4:storage unreachable or failing"})
final class AbTestCommand extends MarketCommand {
    static final List<String> POLICIES = List.of("trend-rule", "random");

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "trend-rule",
            description = "rule policy giving the signals: trend-rule or random (default: ${DEFAULT-VALUE})")
    String policy;

    @Override
    public Integer call() {
        if ("sma-cross".equals(policy)) {
            throw new ParameterException(spec.commandLine(), "--policy sma-cross: the prepared features have no "
                    + "sma_fast/sma_slow columns, so sma-cross cannot run on them; use --policy trend-rule or random");
        }
        if (!POLICIES.contains(policy)) {
            throw new ParameterException(spec.commandLine(), "--policy " + policy + " is unknown; use one of "
                    + String.join(", ", POLICIES));
        }
        ShadowConfig config = config();
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        int stateDim = config.training().rlAgent().stateDim();
        preparation.requireStateDim(stateDim, NearestTrades.WIDTH);
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        LoadedSeries loaded = loader.load(config.data(), config.seed(), preparation.leadInBars());
        CandleSeries series = loaded.series();
        MarketData data = preparation.apply(series);
        ExecutionConfig execution = ExecutionConfig.from(config.training().shadowTrading(), series.id().timeframe());
        long seed = config.seed();

        EventBus bus = new EventBus();
        double atrTarget = config.rl().atrTargetPercent();
        AtrPositionSizer atr = new AtrPositionSizer(atrTarget);
        // The agent's own fallback is a second ATR sizer so the baseline's count stays group B's.
        SizingAgentSizer agent = new SizingAgentSizer(
                new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(seed)), new AtrPositionSizer(atrTarget))
                .subscribeTo(bus);
        AbTestSizer sizer = new AbTestSizer(agent, atr, seed);
        NearestTrades memory = new NearestTrades(data, config.memory().indexSize(), config.memory().neighbours(),
                NearestTrades.Past.NONE);
        Simulator simulator = new Simulator(data, execution, stateDim, bus, memory, EntryFilter.NONE, false, sizer);
        int from = loaded.windowStart();
        progress().printf(Locale.ROOT, "ab-test: %s over %d bars, entries split A (%s) / B (%s) by seed %d%n", policy,
                loaded.windowBars(), agent.name(), atr.name(), seed);
        progress().flush();
        SimulationResult result = simulator.run(policy(policy), from, data.size(), config.evaluation().initialEquity(),
                seed);

        List<Trade> a = new ArrayList<>();
        List<Trade> b = new ArrayList<>();
        for (Trade t : result.trades()) {
            (sizer.group(t.traceId()) == AbTestSizer.Group.A ? a : b).add(t);
        }
        AbTestResult test = AbTestResult.of("A (" + agent.name() + ")", r(a, execution), pnl(a),
                "B (" + atr.name() + ")", r(b, execution), pnl(b));
        AbTestReport report = new AbTestReport(series.id().toString(),
                Instant.ofEpochMilli(series.openTime(from)).toString(),
                Instant.ofEpochMilli(series.openTime(series.size() - 1)).toString(), data.size() - from, policy, seed,
                result.trades().size(), execution.stopLossBps(), agent.learned(), agent.fallbacks(), test);
        printSummary(report, report.lines());
        return 0;
    }

    private static Policy policy(String name) {
        return switch (name) {
            case "trend-rule" -> new TrendRulePolicy();
            case "random" -> new RandomPolicy();
            default -> throw new IllegalArgumentException("unknown policy " + name);
        };
    }

    private static double[] r(List<Trade> trades, ExecutionConfig execution) {
        return trades.stream().mapToDouble(t -> RMultiple.of(t, execution)).toArray();
    }

    private static double[] pnl(List<Trade> trades) {
        return trades.stream().mapToDouble(Trade::pnl).toArray();
    }
}
