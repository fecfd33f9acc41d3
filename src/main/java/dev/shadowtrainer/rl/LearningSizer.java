package dev.shadowtrainer.rl;

import dev.shadowtrainer.sim.PositionSizer;

/**
 * A position sizer driven by a learning agent, as train reports it: {@link SizingAgentSizer} (v1) or
 * {@link SizingAgentV2Sizer} (v2). Entries the agent fails to size are sized by the ATR fallback and counted.
 */
public interface LearningSizer extends PositionSizer {
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
