package dev.shadowtrainer.rl;

import dev.shadowtrainer.sim.PositionSizer;

/**
 * A position sizer driven by a learning agent, as train reports it: {@link SizingAgentSizer} (v1) or
 * {@link SizingAgentV2Sizer} (v2). Entries the agent fails to size are sized by the ATR fallback and counted.
 */
public interface LearningSizer extends PositionSizer {
    /**
     * A trade's pnl % (or MAE %) restated on the base position size (training.shadow_trading.position_size)
     * instead of on the trade's own notional: {@code percentOfNotional} &times; the trade's size multiplier.
     * The sizing agents learn from this basis. On the notional (the designs' literal basis) a trade's pnl % is
     * the same whatever multiplier the agent chose, so the reward could not tell a large size from a small one;
     * on the base size a 1.5&times; position that gains 1 % earns 1.5 and one that loses 1 % costs 1.5.
     */
    static double onBaseSize(double percentOfNotional, dev.shadowtrainer.sim.Trade trade) {
        return percentOfNotional * trade.sizeMultiplier();
    }

    /** Entries sized (by the agent or, failing it, by the fallback). */
    int entriesSized();

    /** Entries the agent failed to size, sized by the ATR fallback instead. */
    int fallbacks();

    /** Closed trades the agent learned from. */
    int learned();

    /** What made the last fallback necessary, or null. */
    String lastFailure();

    /** The agent's Q-table statistics. */
    QStats qStats();

    /** The agent's Q-table and metadata, as saved to position_sizing_q_table.json. */
    QTableSnapshot snapshot();

    /**
     * Learns from the trades closed on {@code bus}, the bus of a simulator this sizer sizes for; one sizer
     * may serve several simulators whose runs take turns (each run starts with {@link #runStarted}).
     */
    LearningSizer subscribeTo(dev.shadowtrainer.sim.EventBus bus);
}
