package dev.shadowtrainer.rl;

/**
 * A finite, ordered set of actions: index 0..size-1, each with a stable text key (used in saved tables, so a
 * file learned under one action space is refused by another).
 */
public interface ActionSpace {
    /** Preset name, e.g. {@code v2}. */
    String name();

    int size();

    /** The key of action {@code index}. */
    String key(int index);

    /** The index of {@code key}; -1 when it is not an action of this space. */
    int indexOf(String key);
}
