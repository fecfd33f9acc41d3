package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.pipeline.LookaheadDifference.Variant;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks a whole pipeline (preparation, simulator, policy, memory) for lookahead, as freqtrade's
 * lookahead-analysis does for a strategy, and further: it runs the policy on the full series, then for
 * sampled decision points t reruns (a) on the series cut right after t and (b) on the series with every
 * bar after t replaced by a random walk ({@link GarbageFuture}), each time preparing the candles afresh
 * with the same preparation, and compares everything the runs hold for bars up to t: raw and normalised
 * features, usable flags, regimes, the observation vectors the policy decided on (with the memory slots
 * under their own kind), actions and confidences, fills, resolved shadow trades and equity. Contract 1
 * says none of these may change when only the future changes, so every difference is a leak.
 *
 * <p>Legitimate end-of-run effects are left out (see {@link RunComparison} for the exact limits): the
 * simulator takes no decision on the last bar of a run, so decisions are compared against the cut run
 * for bars before t only (against the garbage run, which goes on, bar t is compared too); the cut run
 * closes an open position and open shadow trades at t with END_OF_DATA and drops unfilled orders, so
 * END_OF_DATA closes and anything after t are not compared.
 *
 * <p>Decision points are the bars on which the full run took a decision, sampled deterministically from
 * the seed: the decision bars are split into as many equal strata as samples and one is drawn from each,
 * so the points spread over the whole tradeable range.
 *
 * <p>The policy and the memory are made fresh for every run from the market data of that run. A learned
 * model ignores the data; a rule or statistic that precomputes from the series uses it, and that is just
 * where such code can leak. A policy holding a back door to one fixed series could not be caught by any
 * rerun, since it would read the same numbers in every variant.
 */
public final class LookaheadCheck {
    /** Decision points checked by default; the issue asks for at least 20. */
    public static final int DEFAULT_SAMPLES = 20;

    /**
     * Run-bars (bars times runs) the lockstep runs may hold at once, the full run's copies and a group of
     * reruns together: a rerun keeps its market data, observation vectors and result, about 0.7 KB a bar
     * of 15m candles, so this keeps the check's own memory near 40 MB.
     */
    static final long LOCKSTEP_BAR_BUDGET = 60_000;

    private final Function<CandleSeries, MarketData> preparation;
    /** A fresh policy per run; null when the policy is {@link #network}'s, run in lockstep. */
    private final Function<MarketData, Policy> policies;
    private final ActorCritic network;
    private final String networkName;
    private final Function<MarketData, MemoryLookup> memories;
    private final ExecutionConfig execution;
    private final int stateDim;

    /**
     * @param preparation features, normalisation and regimes for a candle series (applied to the full, each
     *                    cut and each garbage series)
     * @param policies    a fresh policy for each run, given that run's market data
     * @param memories    a fresh memory look-up for each run, given that run's market data
     * @param execution   how orders fill
     * @param stateDim    observation size (training.rl_agent.state_dim)
     */
    public LookaheadCheck(Function<CandleSeries, MarketData> preparation, Function<MarketData, Policy> policies,
                          Function<MarketData, MemoryLookup> memories, ExecutionConfig execution, int stateDim) {
        this(preparation, Objects.requireNonNull(policies, "policies is null"), null, null, memories, execution,
                stateDim);
    }

    private LookaheadCheck(Function<CandleSeries, MarketData> preparation, Function<MarketData, Policy> policies,
                           ActorCritic network, String networkName, Function<MarketData, MemoryLookup> memories,
                           ExecutionConfig execution, int stateDim) {
        this.preparation = Objects.requireNonNull(preparation, "preparation is null");
        this.policies = policies;
        this.network = network;
        this.networkName = networkName;
        this.memories = Objects.requireNonNull(memories, "memories is null");
        this.execution = Objects.requireNonNull(execution, "execution is null");
        this.stateDim = stateDim;
    }

    /**
     * The check of a trained network, greedy as {@link NetworkPolicy} runs it, named {@code name}. The same
     * runs and comparisons as with {@code data -> new NetworkPolicy(name, network)}, but the reruns are
     * stepped in lockstep, as many at once as {@link #LOCKSTEP_BAR_BUDGET} allows, with one batched forward
     * pass per step instead of one per run and decision: a forward pass of one row costs nearly what one of
     * forty does, and the check made about 40 such passes for every bar of the window. Every forward pass of
     * the check has the same number of rows (see {@link RecordedRun#lockstep}), and each rerun is compared
     * with a copy of the full run recorded in the same row, so both compute each observation's logits the
     * same way.
     */
    public static LookaheadCheck ofNetwork(Function<CandleSeries, MarketData> preparation, String name,
                                           ActorCritic network, Function<MarketData, MemoryLookup> memories,
                                           ExecutionConfig execution, int stateDim) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(network, "network is null");
        return new LookaheadCheck(preparation, null, network, name, memories, execution, stateDim);
    }

    /**
     * Runs the check.
     *
     * @param series        the candles, history lead-in included
     * @param from          the first bar the simulator runs on (bars before it only warm up the features)
     * @param samples       decision points to check
     * @param initialEquity equity each run starts with
     * @param seed          seeds the policy, the choice of decision points and the garbage
     * @throws DataException when the full run takes fewer decisions than {@code samples}
     */
    public LookaheadReport run(CandleSeries series, int from, int samples, double initialEquity, long seed) {
        Objects.requireNonNull(series, "series is null");
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        int n = series.size();
        if (from < 0 || from >= n - 1) {
            throw new IllegalArgumentException("run start " + from + " leaves no decision bar in " + n + " bars");
        }
        // Runs stepped together (1 without a network). A network's full run is recorded once per row of the
        // batch, and each rerun is compared with the copy that sat in the same row: a row's logits can differ
        // in the last bits with its position in the batch (the matrix kernels treat edge rows apart), so only
        // runs computed in the same row are compared, and a difference is then the future's doing alone.
        int width = network == null ? 1
                : (int) Math.max(1, Math.min(2L * samples, LOCKSTEP_BAR_BUDGET / 2 / Math.max(1, n)));
        List<RecordedRun> fulls = record(Collections.nCopies(width, spec(series, from, n, n - 1)), width,
                initialEquity, seed);
        RecordedRun full = fulls.get(0);
        int[] decisionBars = full.decisionBars();
        if (decisionBars.length < samples) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: the policy decided on only %d bars of %d (bars %d to %d; warm-up and gap bars are skipped) "
                            + "but %d decision points were asked for; raise --days or lower --samples",
                    series.id(), decisionBars.length, n - from, from, n - 1, samples));
        }
        int[] points = sample(decisionBars, samples, seed);
        RunComparison comparison = new RunComparison();
        // Each point's cut run, then its garbage run, width at a time; a garbage run keeps its observation
        // vectors up to the point only, the part that is compared.
        for (int first = 0; first < 2 * points.length; first += width) {
            List<RecordedRun.Spec> group = new ArrayList<>();
            for (int k = first; k < Math.min(2 * points.length, first + width); k++) {
                int t = points[k / 2];
                group.add(k % 2 == 0 ? spec(series.slice(0, t + 1), from, t + 1, t)
                        : spec(GarbageFuture.after(series, t, garbageSeed(seed, t)), from, n, t));
            }
            List<RecordedRun> reruns = record(group, width, initialEquity, seed);
            for (int k = first; k < first + reruns.size(); k++) {
                comparison.compare(fulls.get(k - first), reruns.get(k - first), points[k / 2],
                        k % 2 == 0 ? Variant.CUT : Variant.GARBAGE);
            }
        }
        return new LookaheadReport(series.id().toString(), full.result.policy(), n, from,
                Arrays.stream(points).boxed().toList(), List.of(Variant.CUT, Variant.GARBAGE),
                comparison.total() == 0, comparison.total(), comparison.byKind(), comparison.leakyCuts(),
                comparison.kept(), comparison.compared());
    }

    /**
     * Records the runs of {@code specs}: with a network in lockstep, {@code width} rows a step (see
     * {@link RecordedRun#lockstep}); otherwise one after another, each with a fresh policy.
     */
    private List<RecordedRun> record(List<RecordedRun.Spec> specs, int width, double initialEquity, long seed) {
        if (network != null) {
            return RecordedRun.lockstep(specs, networkName, network, memories, execution, stateDim, initialEquity,
                    seed, width);
        }
        List<RecordedRun> runs = new ArrayList<>(specs.size());
        for (RecordedRun.Spec spec : specs) {
            runs.add(RecordedRun.of(spec, policies, memories, execution, stateDim, initialEquity, seed));
        }
        return runs;
    }

    /** The candles prepared afresh, the bars to simulate, and the last bar whose observation vector is kept. */
    private RecordedRun.Spec spec(CandleSeries candles, int from, int to, int keepUntil) {
        MarketData data = Objects.requireNonNull(preparation.apply(candles), "preparation returned null");
        if (data.size() != candles.size()) {
            throw new IllegalStateException("preparation returned " + data.size() + " bars for " + candles.size());
        }
        return new RecordedRun.Spec(data, from, to, keepUntil);
    }

    /**
     * {@code samples} decision points from {@code decisionBars} (ascending, at least {@code samples} of
     * them): one drawn from each of {@code samples} equal strata, so they are distinct, ascending and spread.
     */
    static int[] sample(int[] decisionBars, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] points = new int[samples];
        for (int s = 0; s < samples; s++) {
            int lo = (int) ((long) s * decisionBars.length / samples);
            int hi = (int) ((long) (s + 1) * decisionBars.length / samples);
            points[s] = decisionBars[lo + random.nextInt(hi - lo)];
        }
        return points;
    }

    /** A distinct walk per decision point; the odd multiplier keeps nearby points' streams apart. */
    static long garbageSeed(long seed, int cut) {
        return seed + (cut + 1L) * 0xBF58476D1CE4E5B9L;
    }
}
