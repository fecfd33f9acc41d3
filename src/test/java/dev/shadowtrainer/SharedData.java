package dev.shadowtrainer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Binance candles in the shared data folder beside the project. Tests that need them fail
 * (never skip) when the folder is missing, so a broken checkout cannot pass by testing less.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder: system property {@code shadow.sharedData}, else {@code ../shared/data}. */
    public static Path root() {
        String configured = System.getProperty("shadow.sharedData");
        return Path.of(configured != null ? configured : "../shared/data");
    }

    /** A file under {@code binance-2025/}, e.g. {@code BTCUSDT_15m.csv}; fails if it is not there. */
    public static Path binance2025(String file) {
        Path path = root().resolve("binance-2025").resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("shared market data missing: " + path
                    + "; tests expect the shared data folder beside the project (or -Dshadow.sharedData=DIR)");
        }
        return path;
    }
}
