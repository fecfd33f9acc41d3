package dev.shadowtrainer.market;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A spot trading pair such as BTC/USDT. */
public record Symbol(String base, String quote) {
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{2,12}");

    public Symbol {
        Objects.requireNonNull(base, "base is null");
        Objects.requireNonNull(quote, "quote is null");
        if (!ASSET.matcher(base).matches() || !ASSET.matcher(quote).matches()) {
            throw new IllegalArgumentException("bad symbol '" + base + "/" + quote
                    + "'; write it as BASE/QUOTE, e.g. BTC/USDT");
        }
    }

    /** Parses {@code BTC/USDT} (case-insensitive). */
    public static Symbol parse(String text) {
        Objects.requireNonNull(text, "symbol is null");
        String[] parts = text.trim().toUpperCase(Locale.ROOT).split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad symbol '" + text + "'; write it as BASE/QUOTE, e.g. BTC/USDT");
        }
        return new Symbol(parts[0], parts[1]);
    }

    /** The exchange-style concatenated form, e.g. {@code BTCUSDT}, used for file names. */
    public String compact() {
        return base + quote;
    }

    @Override
    public String toString() {
        return base + "/" + quote;
    }
}
