package dev.shadowtrainer.report;

import dev.shadowtrainer.sim.EquityCurve;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code equity.csv}: per bar the open time, the policy's equity, its drawdown from the running peak
 * (a fraction, 0 at a new high) and one equity column per baseline run on the same bars, in the
 * order the baselines are given.
 */
public final class EquityCsv {
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> FIXED = Set.of("time", "equity", "drawdown");

    private EquityCsv() {
    }

    public static void write(Path file, EquityCurve policy) {
        write(file, policy, Map.of());
    }

    /** Writes the policy's curve beside baseline curves, which must share its times. */
    public static void write(Path file, EquityCurve policy, Map<String, EquityCurve> baselines) {
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(baselines, "baselines is null");
        long[] times = policy.times();
        Map<String, double[]> columns = new LinkedHashMap<>();
        baselines.forEach((name, curve) -> {
            if (!Arrays.equals(times, curve.times())) {
                throw new IllegalArgumentException("baseline '" + name + "' is not on the policy's bars");
            }
            columns.put(name, curve.equity());
        });
        write(file, times, policy.equity(), columns);
    }

    /**
     * @param times     open time (epoch ms) of each bar
     * @param equity    the policy's equity at each bar's close
     * @param baselines baseline name (letters, digits, '_', '.', '-') to its equity on the same bars
     */
    public static void write(Path file, long[] times, double[] equity, Map<String, double[]> baselines) {
        Objects.requireNonNull(times, "times is null");
        Objects.requireNonNull(equity, "equity is null");
        Objects.requireNonNull(baselines, "baselines is null");
        if (equity.length != times.length) {
            throw new IllegalArgumentException("equity has " + equity.length + " values for " + times.length + " times");
        }
        List<String> names = List.copyOf(baselines.keySet());
        double[][] curves = new double[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (!COLUMN_NAME.matcher(name).matches() || FIXED.contains(name)) {
                throw new IllegalArgumentException("baseline name '" + name
                        + "' must be letters, digits, '_', '.' or '-' and not time, equity or drawdown");
            }
            curves[c] = baselines.get(name);
            if (curves[c].length != times.length) {
                throw new IllegalArgumentException("baseline '" + name + "' has " + curves[c].length
                        + " values for " + times.length + " times");
            }
        }
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.text("time").text("equity").text("drawdown");
            for (String name : names) {
                csv.text(name);
            }
            csv.endRow();
            double peak = 0;
            for (int i = 0; i < times.length; i++) {
                peak = Math.max(peak, equity[i]);
                csv.time(times[i]).number(equity[i]).number(peak > 0 ? (peak - equity[i]) / peak : 0);
                for (double[] curve : curves) {
                    csv.number(curve[i]);
                }
                csv.endRow();
            }
        });
    }
}
