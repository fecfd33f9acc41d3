package dev.shadowtrainer.sim;

/**
 * One walk-forward fold as bar indices, each window half-open [from, to). The bars in
 * [trainTo, testFrom) are the purge and embargo gap: neither trained on nor tested.
 */
public record Fold(int index, int trainFrom, int trainTo, int testFrom, int testTo) {
    public Fold {
        if (index < 0 || trainFrom < 0 || trainFrom >= trainTo || trainTo > testFrom || testFrom >= testTo) {
            throw new IllegalArgumentException("fold " + index + " needs 0 <= trainFrom < trainTo <= testFrom < testTo,"
                    + " got train [" + trainFrom + ", " + trainTo + ") test [" + testFrom + ", " + testTo + ")");
        }
    }

    public int trainBars() {
        return trainTo - trainFrom;
    }

    public int gapBars() {
        return testFrom - trainTo;
    }

    public int testBars() {
        return testTo - testFrom;
    }
}
