package dev.shadowtrainer.features;

/**
 * Win rate over the most recent outcomes (default the last 20) in a fixed ring buffer, so
 * recording never allocates; 0.5 (no evidence either way) before any outcome. Not thread-safe:
 * one per agent.
 */
public final class TrailingWinRate {
    public static final int DEFAULT_CAPACITY = 20;

    private final boolean[] outcomes;
    private int next;
    private int count;
    private int wins;

    public TrailingWinRate() {
        this(DEFAULT_CAPACITY);
    }

    public TrailingWinRate(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.outcomes = new boolean[capacity];
    }

    /** Records one outcome, forgetting the oldest once the buffer is full. */
    public void record(boolean win) {
        if (count == outcomes.length) {
            if (outcomes[next]) {
                wins--;
            }
        } else {
            count++;
        }
        outcomes[next] = win;
        if (win) {
            wins++;
        }
        next = (next + 1) % outcomes.length;
    }

    /** Wins / outcomes held, or 0.5 when none has been recorded. */
    public double rate() {
        return count == 0 ? 0.5 : (double) wins / count;
    }

    public int count() {
        return count;
    }

    public int capacity() {
        return outcomes.length;
    }

    public void clear() {
        next = 0;
        count = 0;
        wins = 0;
    }
}
