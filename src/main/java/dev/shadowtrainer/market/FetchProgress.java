package dev.shadowtrainer.market;

/** Told after each page of a long download, so the console can show how far it has got. */
@FunctionalInterface
public interface FetchProgress {
    FetchProgress NONE = (fetched, expected) -> { };

    /**
     * @param fetched  candles received so far in this fetch
     * @param expected candles the requested range holds if the exchange has no gaps
     */
    void update(int fetched, int expected);
}
