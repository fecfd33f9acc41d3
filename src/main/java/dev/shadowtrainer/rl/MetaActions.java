package dev.shadowtrainer.rl;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Strategy &times; signal model &times; weight action. Index = (strategy &times; models + model) &times; weights
 * + weight, so the strategy varies slowest; key = {@code strategy|model|weight}, e.g. {@code TREND|XGB|WEIGHT_UP}.
 *
 * <p>Presets, each with four signal models, the count the designs give:
 * <ul>
 * <li>{@link #V2} ({@code v2}, default): {TREND, RANGE, BREAKOUT, MEAN_REVERSION} &times; 4 models &times;
 * {WEIGHT_UP, WEIGHT_DOWN, WEIGHT_HOLD} = 48</li>
 * <li>{@link #V2_DOMAIN} ({@code v2_domain}): {dual_momentum, mean_reversion, momentum_flip} &times; 4 models
 * &times; confidence multipliers {0.5, 0.75, 1.0, 1.25, 1.5} = 60</li>
 * </ul>
 * The presets' model names are the designs' labels ({@link #V2_MODELS}, {@link #V2_DOMAIN_MODELS}); the
 * product's own signal models take their places through {@link #withSignalModels}, which keeps the strategies
 * and weights and sizes the model axis to the models given (train: the four rule models and, with the PPO
 * trainer, the network as a fifth, so 60 actions for v2 and 75 for v2_domain).
 */
public final class MetaActions implements ActionSpace {
    public static final List<String> V2_STRATEGIES = List.of("TREND", "RANGE", "BREAKOUT", "MEAN_REVERSION");
    public static final List<String> V2_MODELS = List.of("XGB", "LGBM", "NHITS", "PATCHTST");
    public static final List<String> V2_WEIGHTS = List.of("WEIGHT_UP", "WEIGHT_DOWN", "WEIGHT_HOLD");
    public static final List<String> V2_DOMAIN_STRATEGIES = List.of("dual_momentum", "mean_reversion",
            "momentum_flip");
    public static final List<String> V2_DOMAIN_MODELS = List.of("lstm", "gru", "transformer", "ensemble");
    public static final List<String> V2_DOMAIN_WEIGHTS = List.of("0.5", "0.75", "1.0", "1.25", "1.5");

    public static final MetaActions V2 = new MetaActions("v2", V2_STRATEGIES, V2_MODELS, V2_WEIGHTS);
    public static final MetaActions V2_DOMAIN = new MetaActions("v2_domain", V2_DOMAIN_STRATEGIES,
            V2_DOMAIN_MODELS, V2_DOMAIN_WEIGHTS);

    private final String name;
    private final List<String> strategies;
    private final List<String> models;
    private final List<String> weights;

    public MetaActions(String name, List<String> strategies, List<String> models, List<String> weights) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.strategies = checked("strategies", strategies);
        this.models = checked("signal models", models);
        this.weights = checked("weights", weights);
    }

    private static List<String> checked(String what, List<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty() || new HashSet<>(copy).size() != copy.size()
                || copy.stream().anyMatch(n -> n.isBlank() || n.contains("|"))) {
            throw new IllegalArgumentException("meta " + what + " must be distinct non-blank names without '|', got "
                    + names);
        }
        return copy;
    }

    /** The preset called {@code name}: v2 or v2_domain. */
    public static MetaActions preset(String name) {
        if (V2.name.equals(name)) {
            return V2;
        }
        if (V2_DOMAIN.name.equals(name)) {
            return V2_DOMAIN;
        }
        throw new IllegalArgumentException("unknown meta action preset '" + name + "'; use v2 or v2_domain");
    }

    /** This grid with other signal models (same strategies and weights, same preset name). */
    public MetaActions withSignalModels(List<String> signalModels) {
        return new MetaActions(name, strategies, signalModels, weights);
    }

    public int encode(String strategy, String signalModel, String weight) {
        int s = strategies.indexOf(strategy);
        int m = models.indexOf(signalModel);
        int w = weights.indexOf(weight);
        if (s < 0 || m < 0 || w < 0) {
            throw new IllegalArgumentException("meta action (" + strategy + ", " + signalModel + ", " + weight
                    + ") is not in " + this);
        }
        return (s * models.size() + m) * weights.size() + w;
    }

    public MetaAction decode(int index) {
        checkIndex(index);
        int w = index % weights.size();
        int m = (index / weights.size()) % models.size();
        int s = index / (weights.size() * models.size());
        return new MetaAction(index, strategies.get(s), models.get(m), weights.get(w));
    }

    /**
     * A weight action as a multiplier of the signal's confidence weight: the numeric weights of v2_domain as
     * written; WEIGHT_UP 1.25, WEIGHT_DOWN 0.75 and WEIGHT_HOLD 1.0 for v2 (the v2 design names no step size;
     * these are the domain grid's neighbours of 1.0).
     */
    public static double weightMultiplier(String weight) {
        return switch (weight) {
            case "WEIGHT_UP" -> 1.25;
            case "WEIGHT_DOWN" -> 0.75;
            case "WEIGHT_HOLD" -> 1.0;
            default -> {
                try {
                    yield Double.parseDouble(weight);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight action '" + weight + "' is neither WEIGHT_UP/DOWN/HOLD"
                            + " nor a number");
                }
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return strategies.size() * models.size() * weights.size();
    }

    @Override
    public String key(int index) {
        MetaAction a = decode(index);
        return a.strategy() + "|" + a.signalModel() + "|" + a.weight();
    }

    @Override
    public int indexOf(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            return -1;
        }
        int s = strategies.indexOf(parts[0]);
        int m = models.indexOf(parts[1]);
        int w = weights.indexOf(parts[2]);
        return s < 0 || m < 0 || w < 0 ? -1 : (s * models.size() + m) * weights.size() + w;
    }

    public List<String> strategies() {
        return strategies;
    }

    public List<String> signalModels() {
        return models;
    }

    public List<String> weights() {
        return weights;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("meta action " + index + " is outside 0.." + (size() - 1));
        }
    }

    @Override
    public String toString() {
        return name + " (" + strategies + " x " + models + " x " + weights + ")";
    }
}
