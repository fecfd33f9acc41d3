package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.agent.ppo.PpoState;
import dev.shadowtrainer.report.AtomicFile;
import dev.shadowtrainer.report.MetricsCsv;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code train} run keeps to resume: the run's fingerprint (config, seed, candles, version), the
 * fold in progress, the networks trained on the folds before it, the metrics rows so far and, after one
 * or more updates of the fold in progress, that training's {@link PpoState}.
 *
 * <p>Everything else the walk-forward holds (the test-window results, the tabular agents' Q-tables and
 * random streams, the memory look-up index) is a function of those networks, the seed and the data, so
 * a resume recomputes it by running the finished folds' test windows again with the saved networks,
 * without training; that is cheap next to training and cannot drift from what an uninterrupted run does.
 *
 * <p>Stored in one binary file, written atomically ({@link AtomicFile}).
 *
 * @param fold       index of the fold in progress (= folds finished)
 * @param networks   the networks of the finished folds, flattened parameters, one per fold; empty for a
 *                   trainer that learns nothing (a resume trains it again, which gives the same policies)
 * @param inProgress the fold in progress's training state, null when it has not done an update
 */
public record RunCheckpoint(Map<String, String> fingerprint, int fold, List<float[]> networks,
                            List<MetricsCsv.Row> metrics, PpoState inProgress) {
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x53544350; // "STCP"
    private static final int FORMAT = 1;
    /** Fingerprint keys beside the config's: the candles' checksum, the stored trades before the window. */
    static final String CANDLES = "candles.sha256";
    static final String PAST_TRADES = "memory.trades_before_window";
    static final String VERSION = "version";
    private static final java.util.Set<String> DERIVED = java.util.Set.of(CANDLES, PAST_TRADES, VERSION);

    public RunCheckpoint {
        fingerprint = Map.copyOf(fingerprint);
        networks = List.copyOf(networks);
        metrics = List.copyOf(metrics);
        if (fold < 0) {
            throw new IllegalArgumentException("fold must be >= 0");
        }
    }

    /** Writes the checkpoint all or nothing. */
    public void write(Path file) {
        AtomicFile.writeBytes(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(fingerprint.size());
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(fingerprint).entrySet()) {
                out.writeUTF(e.getKey());
                writeText(out, e.getValue());
            }
            out.writeInt(fold);
            out.writeInt(networks.size());
            for (float[] n : networks) {
                writeFloats(out, n);
            }
            out.writeInt(metrics.size());
            for (MetricsCsv.Row r : metrics) {
                out.writeInt(r.fold());
                out.writeInt(r.update());
                out.writeLong(r.globalStep());
                for (double v : new double[] {r.policyLoss(), r.valueLoss(), r.entropy(), r.approxKl(), r.clipfrac(),
                        r.explainedVariance(), r.sps(), r.learningRate(), r.meanEpisodeReward()}) {
                    out.writeDouble(v);
                }
                out.writeInt(r.episodes());
                out.writeInt(r.epochs());
            }
            out.writeBoolean(inProgress != null);
            if (inProgress != null) {
                out.writeInt(inProgress.update());
                writeFloats(out, inProgress.params());
                writeFloats(out, inProgress.firstMoment());
                writeFloats(out, inProgress.secondMoment());
                out.writeLong(inProgress.adamSteps());
                out.writeInt(inProgress.actions().length);
                out.write(inProgress.actions());
                out.writeInt(inProgress.epochs().length);
                for (int e : inProgress.epochs()) {
                    out.writeInt(e);
                }
            }
            out.flush();
        });
    }

    /**
     * Reads a checkpoint.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} when there is none, {@link ExitCodes#STORAGE}
     *                                when it cannot be read or is damaged
     */
    public static RunCheckpoint read(Path file, String runId) {
        Objects.requireNonNull(file, "file is null");
        try (InputStream raw = Files.newInputStream(file)) {
            long size = Files.size(file);
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw damaged(file, "not a checkpoint of this version");
            }
            int keys = count(in, file, size);
            Map<String, String> fingerprint = new LinkedHashMap<>();
            for (int i = 0; i < keys; i++) {
                fingerprint.put(in.readUTF(), readText(in, file, size));
            }
            int fold = in.readInt();
            int n = count(in, file, size);
            List<float[]> networks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                networks.add(readFloats(in, file, size));
            }
            int rows = count(in, file, size);
            List<MetricsCsv.Row> metrics = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                int f = in.readInt();
                int u = in.readInt();
                long step = in.readLong();
                double[] v = new double[9];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readDouble();
                }
                metrics.add(new MetricsCsv.Row(f, u, step, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                        in.readInt(), in.readInt()));
            }
            PpoState state = null;
            if (in.readBoolean()) {
                int update = in.readInt();
                float[] params = readFloats(in, file, size);
                float[] first = readFloats(in, file, size);
                float[] second = readFloats(in, file, size);
                long steps = in.readLong();
                byte[] actions = new byte[count(in, file, size)];
                in.readFully(actions);
                int[] epochs = new int[count(in, file, size)];
                for (int k = 0; k < epochs.length; k++) {
                    epochs[k] = in.readInt();
                }
                state = new PpoState(update, params, first, second, steps, actions, epochs);
            }
            if (in.read() != -1) {
                throw damaged(file, "it has bytes after its end");
            }
            return new RunCheckpoint(fingerprint, fold, networks, metrics, state);
        } catch (NoSuchFileException e) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "run " + runId + " has no checkpoint to resume from ("
                    + file.getFileName() + " is missing: the run finished, or stopped before its first checkpoint); "
                    + "start a new run instead");
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(file, e.toString());
        }
    }

    /**
     * The first difference between this checkpoint's fingerprint and {@code now}'s, as a sentence, or
     * null when they agree.
     */
    public String difference(Map<String, String> now) {
        // Config keys first: a changed seed also changes synthetic candles, and the seed is the cause to name.
        java.util.List<String> keys = new java.util.ArrayList<>(new java.util.TreeSet<>(union(now)));
        keys.sort(java.util.Comparator.comparing(k -> DERIVED.contains(k)));
        for (String key : keys) {
            String was = fingerprint.get(key);
            String is = now.get(key);
            if (!Objects.equals(was, is)) {
                return key + " was " + (was == null ? "not set" : "'" + was + "'") + " and is now "
                        + (is == null ? "not set" : "'" + is + "'");
            }
        }
        return null;
    }

    private java.util.Set<String> union(Map<String, String> now) {
        java.util.Set<String> keys = new java.util.HashSet<>(fingerprint.keySet());
        keys.addAll(now.keySet());
        return keys;
    }

    private static ShadowTrainerException damaged(Path file, String why) {
        return new ShadowTrainerException(ExitCodes.STORAGE, "cannot read the checkpoint " + file + " (" + why
                + "); it cannot be resumed, start a new run");
    }

    private static int count(DataInputStream in, Path file, long size) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > size) {
            throw damaged(file, "a count of " + n + " in a file of " + size + " bytes");
        }
        return n;
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(DataInputStream in, Path file, long size) throws IOException {
        byte[] b = new byte[count(in, file, size)];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeInt(Float.floatToRawIntBits(v));
        }
    }

    private static float[] readFloats(DataInputStream in, Path file, long size) throws IOException {
        float[] values = new float[count(in, file, size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(in.readInt());
        }
        return values;
    }
}
