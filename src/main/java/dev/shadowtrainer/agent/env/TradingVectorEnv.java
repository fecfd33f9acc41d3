package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.agent.ppo.VectorEnv;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.DecisionRecorder;
import dev.shadowtrainer.sim.ExitReason;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.PostExitTracker;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The shadow market as lockstep environments for the PPO agent: each environment replays episodes of
 * {@code episodeBars} bars that start at seeded random bars of one training range, through its own
 * simulator (so each has its own pattern memory), and is stepped one decision at a time. An agent
 * step is one decision bar: the action is taken at its close and the environment plays on to the next
 * decision bar, whose observation is the next state.
 *
 * <p>Action masks (see {@link #allowedActions}): flat, the agent may enter (three sizes) or do nothing;
 * in a position, hold or exit; with an order pending, do nothing or exit (which cancels an entry).
 * Masking keeps the agent from spending its exploration on actions the simulator would ignore.
 *
 * <p>During training entries are taken with confidence 1; the confidence threshold applies when the
 * trained policy is run (it is a property of the decision rule, not of the market).
 */
public final class TradingVectorEnv implements VectorEnv {
    private static final Action[] ACTIONS = Action.values();

    private final Env[] envs;
    private final int observationSize;
    private final int from;
    private final int to;
    private final int episodeBars;
    private final RewardFunction reward;
    private final CandleSeries candles;
    private final int missedWindowBars;
    private final double initialEquity;

    /**
     * @param simulators   one fresh simulator per environment, all over the same market
     * @param from         first bar of the training range
     * @param to           end (exclusive) of the training range; no episode plays a bar at or after it
     * @param episodeBars  bars per episode (the whole range if it is shorter)
     */
    public TradingVectorEnv(Supplier<Simulator> simulators, int numEnvs, int from, int to, int episodeBars,
                            RewardFunction reward, double initialEquity) {
        Objects.requireNonNull(simulators, "simulators is null");
        this.reward = Objects.requireNonNull(reward, "reward is null");
        if (numEnvs < 1 || episodeBars < 2 || from < 0 || to - from < 2) {
            throw new IllegalArgumentException("need >= 1 environment, episodes of >= 2 bars and a range of >= 2 bars");
        }
        this.envs = new Env[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            envs[i] = new Env(simulators.get());
        }
        Simulator first = envs[0].simulator;
        if (to > first.data().size()) {
            throw new IllegalArgumentException("range end " + to + " beyond " + first.data().size() + " bars");
        }
        this.candles = first.data().candles();
        this.from = from;
        this.to = to;
        this.episodeBars = Math.min(episodeBars, to - from);
        this.initialEquity = initialEquity;
        long barMinutes = candles.id().timeframe().duration().toMinutes();
        this.missedWindowBars = (int) Math.max(1, PostExitTracker.WINDOW_MINUTES[1] / barMinutes);
        this.observationSize = envs[0].simulator.stateDim();
    }

    @Override
    public int numEnvs() {
        return envs.length;
    }

    @Override
    public int observationSize() {
        return observationSize;
    }

    @Override
    public int actionCount() {
        return ACTIONS.length;
    }

    @Override
    public void reset(long seed, float[] observations) {
        for (int i = 0; i < envs.length; i++) {
            // Independent streams per environment: the same seed gives the same episodes in every run.
            envs[i].random = new SplittableRandom(seed * 1_000_003L + i);
            envs[i].episode = 0;
            envs[i].seed = seed;
            envs[i].begin();
            envs[i].write(observations, i * observationSize);
        }
    }

    @Override
    public void step(int[] actions, float[] observations, float[] rewards, boolean[] dones) {
        for (int i = 0; i < envs.length; i++) {
            Env e = envs[i];
            rewards[i] = (float) e.step(ACTIONS[actions[i]]);
            dones[i] = e.done;
            if (e.done) {
                e.begin();
            }
            e.write(observations, i * observationSize);
        }
    }

    @Override
    public boolean actionMask(boolean[] allowed) {
        int n = ACTIONS.length;
        for (int i = 0; i < envs.length; i++) {
            allowedActions(envs[i].stepper.observation(), allowed, i * n);
        }
        return true;
    }

    /** The actions that make sense for {@code observation}, written as flags at {@code offset}. */
    public static void allowedActions(Observation observation, boolean[] allowed, int offset) {
        boolean pending = observation.orderPending();
        boolean open = observation.inPosition();
        boolean flat = !pending && !open;
        for (Action a : ACTIONS) {
            boolean ok = switch (a) {
                case ENTER_LONG_SMALL, ENTER_LONG_NORMAL, ENTER_LONG_LARGE -> flat;
                case HOLD -> open;
                case EXIT -> open || pending;
                case DO_NOTHING -> flat || pending;
            };
            allowed[offset + a.ordinal()] = ok;
        }
    }

    /** Episodes started so far by environment {@code i} (for tests and logs). */
    int episodes(int i) {
        return envs[i].episode;
    }

    /** The bar environment {@code i} is about to decide on. */
    int bar(int i) {
        return envs[i].stepper.bar();
    }

    /**
     * The profit a trade missed within the 4h after its exit: future information, for rewards only, and
     * never from bars at or after the end of the training range (the purge gap and the test window stay
     * unseen even by rewards).
     */
    private double missedProfit(Trade t) {
        if (t.exitReason() == ExitReason.END_OF_DATA) {
            return 0; // closed by the end of the episode, not by a choice
        }
        int last = Math.min(to - 1, t.exitBar() + missedWindowBars);
        double best = Double.NEGATIVE_INFINITY;
        for (int k = t.exitBar() + 1; k <= last; k++) {
            best = Math.max(best, candles.high(k));
        }
        return t.quantity() * Math.max(0, best - t.exitPrice());
    }

    private final class Env {
        final Simulator simulator;
        final StepOutcome outcome;
        SplittableRandom random;
        Simulator.Stepper stepper;
        long seed;
        int episode;
        boolean done;
        private final boolean[] mask = new boolean[ACTIONS.length];

        Env(Simulator simulator) {
            this.simulator = simulator;
            this.outcome = new StepOutcome(simulator.executionConfig().positionSize());
        }

        void begin() {
            int latestStart = to - episodeBars;
            int start = latestStart == from ? from : from + random.nextInt(latestStart - from + 1);
            episode++;
            stepper = simulator.start("ppo", start, start + episodeBars, initialEquity, seed + episode,
                    DecisionRecorder.NONE);
            if (!stepper.advance()) {
                throw new IllegalStateException("no tradeable bar in [" + start + ", " + (start + episodeBars)
                        + "): the training range holds only warm-up or gap bars");
            }
            done = false;
        }

        double step(Action action) {
            allowedActions(stepper.observation(), mask, 0);
            boolean allowed = mask[action.ordinal()];
            double before = stepper.equity();
            int tradesBefore = stepper.trades().size();
            int positionBarsBefore = stepper.barsInPosition();
            int barBefore = stepper.bar();
            stepper.act(action, 1.0);
            boolean more = stepper.advance();
            done = !more;
            List<Trade> trades = stepper.trades();
            int bars = more ? stepper.bar() - barBefore : stepper.result().to() - 1 - barBefore;
            double after = more ? stepper.equity() : stepper.result().finalEquity();
            outcome.set(action, allowed, trades, tradesBefore, bars, stepper.barsInPosition() - positionBarsBefore,
                    before, after, done);
            for (int k = 0; k < outcome.closedTrades(); k++) {
                outcome.setMissed(k, missedProfit(outcome.closedTrade(k)));
            }
            return reward.reward(outcome);
        }

        void write(float[] observations, int offset) {
            System.arraycopy(stepper.observation().vector(), 0, observations, offset, observationSize);
        }
    }
}
