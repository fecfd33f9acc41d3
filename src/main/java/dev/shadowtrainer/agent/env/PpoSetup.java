package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.agent.ppo.PpoConfig;
import dev.shadowtrainer.config.ShadowConfig.RlAgentConfig;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.Simulator;
import java.util.function.Supplier;

/** The PPO agent's settings and training environments as training.rl_agent describes them. */
public final class PpoSetup {
    private PpoSetup() {
    }

    /** training.rl_agent as PPO hyperparameters; target_kl 0 means no early stop. */
    public static PpoConfig ppoConfig(RlAgentConfig rl) {
        return new PpoConfig(rl.learningRate(), rl.numEnvs(), rl.numSteps(), rl.annealLr(), rl.gamma(),
                rl.gaeLambda(), rl.numMinibatches(), rl.updateEpochs(), rl.normAdv(), rl.clipCoef(), rl.clipVloss(),
                rl.entCoef(), rl.vfCoef(), rl.maxGradNorm(), rl.targetKl() > 0 ? rl.targetKl() : Double.NaN,
                rl.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(), rl.totalTimesteps());
    }

    /**
     * Fresh simulators over the same market and execution rules as {@code like}, each with its own event
     * bus and a fresh memory look-up of the same kind (starting from the same preloaded past) and no entry
     * filter, so lockstep environments share no state.
     */
    public static Supplier<Simulator> siblings(Simulator like) {
        return () -> new Simulator(like.data(), like.executionConfig(), like.stateDim(), new EventBus(),
                like.memory().fresh(), EntryFilter.NONE, like.shadowTrades());
    }

    /**
     * {@code numEnvs} lockstep environments over bars [from, to) of {@code like}'s market, with the reward
     * named in the config.
     */
    public static TradingVectorEnv environment(Simulator like, RlAgentConfig rl, int numEnvs, int from, int to,
                                               int episodeBars, double initialEquity) {
        return new TradingVectorEnv(siblings(like), numEnvs, from, to, episodeBars, RewardFunctions.create(rl),
                initialEquity);
    }
}
