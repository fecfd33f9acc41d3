package dev.shadowtrainer.market;

/**
 * The outcome of merging candles into a cache file: how many open times were new, how many
 * existing rows were replaced by newer data, and how many rows the file holds afterwards.
 */
public record CacheMerge(int added, int replaced, int total) {
    public CacheMerge {
        if (added < 0 || replaced < 0 || total < added + replaced) {
            throw new IllegalArgumentException("inconsistent merge counts: added " + added + ", replaced " + replaced
                    + ", total " + total);
        }
    }
}
