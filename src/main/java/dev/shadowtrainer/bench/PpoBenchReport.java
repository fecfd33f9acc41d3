package dev.shadowtrainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the PPO part of one {@code bench} run measured on the trading environment. SPS counts environment
 * steps per second, all environments together (one step of 64 environments is 64 steps).
 *
 * @param bars           synthetic candles generated
 * @param from           first bar of the training range (after the feature and normalisation warm-up)
 * @param to             end of the training range (exclusive)
 * @param episodeBars    bars per episode
 * @param marketMillis   time to generate the candles, prepare the features and build the simulator
 * @param rolloutSps     num_envs lockstep environments, one batched forward pass per step, no updates
 * @param endToEndSps    a PPO training at these settings, rollouts and updates together
 * @param naiveSps       the same rollout code on ONE environment: one forward pass per environment step
 * @param speedup        rolloutSps / naiveSps
 * @param lookup         what the pattern-memory look-up (the in-process k-NN index) costs
 */
public record PpoBenchReport(int bars, String timeframe, String symbol, long seed, int from, int to,
                             int episodeBars, int observationSize, int actions, String reward, int numEnvs,
                             int numSteps, int batchSize, int numMinibatches, int updateEpochs,
                             List<Integer> hiddenSizes, double warmupSeconds, double measuredSeconds,
                             double marketMillis, long rolloutSteps, double rolloutSps, long endToEndSteps,
                             double endToEndSps, long naiveSteps, double naiveSps, double speedup,
                             double rolloutSpsTarget, double endToEndSpsTarget, double speedupTarget,
                             boolean rolloutTargetMet, boolean endToEndTargetMet, boolean speedupTargetMet,
                             LookupCost lookup, BenchReport.Machine machine) {
    public PpoBenchReport {
        Objects.requireNonNull(timeframe, "timeframe is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(reward, "reward is null");
        Objects.requireNonNull(machine, "machine is null");
        Objects.requireNonNull(lookup, "lookup is null");
        hiddenSizes = List.copyOf(hiddenSizes);
    }

    /**
     * The in-process look-up's share of the time, measured side by side: the same work with the k-NN
     * index and with a look-up that writes constants. {@code simulation*}: the simulator with shadow
     * trades replaying the training range under a policy that reads every observation and never trades
     * (the worst case: nothing else costs much); {@code rollout*}: PPO rollouts as above.
     *
     * {@code rolloutShareTimed}: in one run of PPO rollouts, the time spent inside the index (its look-ups
     * and the feeding of resolved trades into it, clocked around each call) over the rollouts' time; the
     * direct measurement, free of the run-to-run noise of the two separate runs behind {@code rolloutShare}
     * (the clock reads around each call are taken out: their cost is calibrated in the same process).
     *
     * @param share (time with the index - time without) / time with the index
     */
    public record LookupCost(int indexSize, int neighbours, double simulationBarsPerSecond,
                             double simulationBarsPerSecondWithout, double simulationShare, double rolloutSps,
                             double rolloutSpsWithout, double rolloutShare, double rolloutShareTimed,
                             double shareTarget) {
        static double share(double rateWith, double rateWithout) {
            return 1 - rateWith / rateWithout;
        }

        /** Under the trading agent, the simulation train runs: the share timed inside one run. */
        public boolean rolloutTargetMet() {
            return rolloutShareTimed < shareTarget;
        }

        /** Under a policy that costs nothing, the worst case. */
        public boolean simulationTargetMet() {
            return simulationShare < shareTarget;
        }
    }

    /** Whether all three targets are met. */
    public boolean targetsMet() {
        return rolloutTargetMet && endToEndTargetMet && speedupTargetMet;
    }

    /** The report as short text lines for the console. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "bench ppo: trading environment on %,d synthetic %s candles of %s (seed %d),"
                        + " training bars [%d, %d), episodes of %d bars, reward %s", bars, timeframe, symbol, seed,
                from, to, episodeBars, reward));
        out.add(String.format(Locale.ROOT, "  network: observation %d, %d actions, hidden %s; num_envs %d x num_steps %d"
                        + " = batch %,d, %d minibatches x %d epochs; %.1f s warm-up + %.1f s measured per case",
                observationSize, actions, hidden(), numEnvs, numSteps, batchSize, numMinibatches, updateEpochs,
                warmupSeconds, measuredSeconds));
        out.add(String.format(Locale.ROOT, "  machine: %d cores, Java %s (%s), max heap %,d MB; market prepared in "
                + "%.0f ms", machine.processors(), machine.javaVersion(), machine.vm(), machine.maxHeapMb(), marketMillis));
        out.add(caseLine("rollouts, " + numEnvs + " envs, batched forward", rolloutSps, rolloutSteps));
        out.add(caseLine("end to end, rollouts + PPO updates", endToEndSps, endToEndSteps));
        out.add(caseLine("naive loop, 1 env, 1 forward per step", naiveSps, naiveSteps));
        out.add(String.format(Locale.ROOT, "  rollouts vs naive: %.1fx", speedup));
        out.add(String.format(Locale.ROOT, "  targets: rollouts >= %,.0f SPS %s; end to end >= %,.0f SPS %s; "
                        + "rollouts/naive >= %.0fx %s", rolloutSpsTarget, met(rolloutTargetMet), endToEndSpsTarget,
                met(endToEndTargetMet), speedupTarget, met(speedupTargetMet)));
        out.add(String.format(Locale.ROOT, "  memory look-up (k-NN over the latest %d trades, k %d), share of the time "
                + "(target < %.0f%%):", lookup.indexSize(), lookup.neighbours(), 100 * lookup.shareTarget()));
        out.add(String.format(Locale.ROOT, "    rollouts of the agent, time inside the index in one run:        %5.1f%% %s",
                100 * lookup.rolloutShareTimed(), met(lookup.rolloutTargetMet())));
        out.add(String.format(Locale.ROOT, "    rollouts of the agent        %,12.0f vs %,12.0f SPS without: %5.1f%% "
                        + "(two runs; noisy)", lookup.rolloutSps(), lookup.rolloutSpsWithout(),
                100 * lookup.rolloutShare()));
        out.add(String.format(Locale.ROOT, "    replay, policy costing nothing %,10.0f vs %,12.0f bars/s without: %5.1f%% %s",
                lookup.simulationBarsPerSecond(), lookup.simulationBarsPerSecondWithout(),
                100 * lookup.simulationShare(), met(lookup.simulationTargetMet())));
        return out;
    }

    private String hidden() {
        return String.join(",", hiddenSizes.stream().map(String::valueOf).toList());
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String caseLine(String name, double sps, long steps) {
        return String.format(Locale.ROOT, "  %-40s %,12.0f SPS  (%,d steps)", name, sps, steps);
    }
}
