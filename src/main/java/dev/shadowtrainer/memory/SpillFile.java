package dev.shadowtrainer.memory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.report.AtomicFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades that could not reach the database, kept in a local file until {@code db import} loads them:
 * JSON lines, the run first, then one line per trade with its post-exit row. Written atomically, so a
 * spill file is whole or absent.
 */
public final class SpillFile {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What a spill file holds. */
    public record Spilled(RunRecord run, List<StoredTrade> trades, List<PostExitRow> postExit) {
    }

    private record TradeLine(StoredTrade trade, PostExitRow postExit) {
    }

    private SpillFile() {
    }

    public static void write(Path file, RunRecord run, List<StoredTrade> trades, List<PostExitRow> postExit) {
        AtomicFile.write(file, out -> {
            out.write(JSON.writeValueAsString(run));
            out.write('\n');
            for (int i = 0; i < trades.size(); i++) {
                out.write(JSON.writeValueAsString(new TradeLine(trades.get(i), i < postExit.size() ? postExit.get(i)
                        : null)));
                out.write('\n');
            }
        });
    }

    public static Spilled read(Path file) {
        List<StoredTrade> trades = new ArrayList<>();
        List<PostExitRow> postExit = new ArrayList<>();
        RunRecord run = null;
        int line = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (line == 1) {
                    run = JSON.readValue(text, RunRecord.class);
                    continue;
                }
                JsonNode node = JSON.readTree(text);
                trades.add(JSON.treeToValue(node.get("trade"), StoredTrade.class));
                if (node.hasNonNull("postExit")) {
                    postExit.add(JSON.treeToValue(node.get("postExit"), PostExitRow.class));
                }
            }
        } catch (NoSuchFileException e) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "spill file " + file + " not found; pass the file a run "
                    + "named when it could not reach the trade memory");
        } catch (IOException | RuntimeException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "spill file " + file + " line " + Math.max(line, 1)
                    + " is not a spilled trade (" + e.getMessage().lines().findFirst().orElse("") + "); it was not "
                    + "written by shadow-trainer or was damaged", e);
        }
        if (run == null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "spill file " + file + " is empty; it was not written"
                    + " by shadow-trainer");
        }
        return new Spilled(run, trades, postExit);
    }
}
