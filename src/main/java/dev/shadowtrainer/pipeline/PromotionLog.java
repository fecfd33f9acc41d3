package dev.shadowtrainer.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code models/promotions.log}: one JSON object per line per nightly decision, appended and forced to
 * disk, never rewritten.
 */
public final class PromotionLog {
    public static final String FILE = "promotions.log";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private PromotionLog() {
    }

    /** Appends {@code decision} as one line to {@code file}. */
    public static void append(Path file, PromotionDecision decision) {
        String line;
        try {
            line = JSON.writeValueAsString(decision) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("promotion decision is not JSON-serialisable", e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot append to the promotion log " + file + ": "
                    + e + "; check the models folder");
        }
    }
}
