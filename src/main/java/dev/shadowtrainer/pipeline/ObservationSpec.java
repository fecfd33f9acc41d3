package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * How a saved model's input vector is built, written into its metadata so a live trader (in any
 * language) can build the same observation: the features in order with their warm-ups, how they are
 * normalised, then the position and memory blocks, then zero padding up to the state size.
 *
 * @param stateDim  length of the vector
 * @param slots     what each non-padding slot holds, in order
 */
public record ObservationSpec(int stateDim, List<Slot> slots, List<Feature> features, Normalisation normalisation) {
    /** One position of the vector. */
    public record Slot(int index, String name, String meaning) {
    }

    public record Feature(String name, int warmupBars) {
    }

    /** The normalisation of the feature block. */
    public record Normalisation(String method, int window, int minSamples, double clip) {
    }

    private static final String[][] POSITION = {
        {"in_position", "1 if a long position is open, else 0"},
        {"size_multiplier", "size multiplier of the open position, else 0"},
        {"unrealised_pnl_pct", "(close / entry price - 1) * 100 while open, else 0"},
        {"bars_held_fraction", "bars held / max hold bars while open, else 0"},
        {"stop_distance_pct", "(close / stop price - 1) * 100 while open, else 0"},
        {"target_distance_pct", "(target price / close - 1) * 100 while open, else 0"},
        {"time_left_fraction", "max(0, max hold bars - bars held) / max hold bars while open, else 0"},
        {"order_pending", "1 if an entry or exit order waits to fill, else 0"},
    };

    public static ObservationSpec of(MarketPreparation preparation, MemoryLookup memory, int stateDim) {
        List<Slot> slots = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        for (FeatureColumn c : preparation.featureColumns()) {
            features.add(new Feature(c.name(), c.warmup()));
            slots.add(new Slot(slots.size(), c.name(), "normalised feature of the bar just closed"));
        }
        if (POSITION.length != Observation.POSITION_WIDTH) {
            throw new IllegalStateException("position block description out of date");
        }
        for (String[] p : POSITION) {
            slots.add(new Slot(slots.size(), p[0], p[1]));
        }
        for (int i = 0; i < memory.width(); i++) {
            slots.add(new Slot(slots.size(), "memory_" + i, memory.getClass().getSimpleName() + " "
                    + memory.slotName(i) + " (trades resolved up to the bar)"));
        }
        return new ObservationSpec(stateDim, List.copyOf(slots), List.copyOf(features),
                preparation.normalisationSpec());
    }
}
