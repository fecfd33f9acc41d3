package dev.shadowtrainer.sim;

/** What a policy can do at a bar's close. Entries are long only; sizes are multiples of position_size. */
public enum Action {
    ENTER_LONG_SMALL,
    ENTER_LONG_NORMAL,
    ENTER_LONG_LARGE,
    HOLD,
    EXIT,
    DO_NOTHING;

    private static final Action[] VALUES = values();

    public boolean isEntry() {
        return this == ENTER_LONG_SMALL || this == ENTER_LONG_NORMAL || this == ENTER_LONG_LARGE;
    }

    public static Action ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
