package dev.shadowtrainer.model;

import dev.shadowtrainer.market.CandleSeries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The SHA-256 of a candle series, the same on every machine and JVM for the same candles.
 *
 * <p>What is hashed, in order, big-endian: the tag {@code shadow-trainer-candles-v1}, then exchange,
 * symbol ({@code BASE/QUOTE}) and timeframe label, each as its UTF-8 length (int) and bytes, the number
 * of bars (int), then per bar: open time in epoch ms (long), open, high, low, close and volume as IEEE
 * 754 bits ({@link Double#doubleToLongBits}, so every NaN hashes alike) and the filler flag (one byte,
 * 1 for a gap filler). Changing any price, time, volume or flag, or the market, changes the hash.
 */
public final class CandleFingerprint {
    static final String TAG = "shadow-trainer-candles-v1";
    private static final int BAR_BYTES = Long.BYTES + 5 * Double.BYTES + 1;
    private static final int BARS_PER_CHUNK = 4096;

    private CandleFingerprint() {
    }

    /** Lower-case hex SHA-256 of {@code series} as described above. */
    public static String sha256(CandleSeries series) {
        Objects.requireNonNull(series, "series is null");
        MessageDigest digest = Sha256.newDigest();
        putText(digest, TAG);
        putText(digest, series.id().exchange());
        putText(digest, series.id().symbol().toString());
        putText(digest, series.id().timeframe().label());
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(series.size()).array());

        ByteBuffer chunk = ByteBuffer.allocate(BAR_BYTES * BARS_PER_CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < series.size(); i++) {
            if (chunk.remaining() < BAR_BYTES) {
                digest.update(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putLong(series.openTime(i))
                    .putLong(Double.doubleToLongBits(series.open(i)))
                    .putLong(Double.doubleToLongBits(series.high(i)))
                    .putLong(Double.doubleToLongBits(series.low(i)))
                    .putLong(Double.doubleToLongBits(series.close(i)))
                    .putLong(Double.doubleToLongBits(series.volume(i)))
                    .put(series.isFiller(i) ? (byte) 1 : (byte) 0);
        }
        digest.update(chunk.array(), 0, chunk.position());
        return Sha256.hex(digest.digest());
    }

    private static void putText(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
