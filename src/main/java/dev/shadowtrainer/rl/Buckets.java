package dev.shadowtrainer.rl;

/** Shared checks of the bucketing enums. */
final class Buckets {
    private Buckets() {
    }

    static void requireNumber(String what, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " is NaN; a state needs a number");
        }
    }
}
