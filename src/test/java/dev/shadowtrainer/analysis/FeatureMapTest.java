package dev.shadowtrainer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FeatureMapTest {
    @Test
    void holdsTheFiniteValuesSortedByNameAndEqualsAnOrdinaryMap() {
        Map<String, Double> in = new HashMap<>();
        in.put("rsi_14", 0.5);
        in.put("atr_rel_14", -1.25);
        in.put("nan", Double.NaN);
        in.put("inf", Double.POSITIVE_INFINITY);
        in.put("missing", null);
        FeatureMap m = FeatureMap.of(in);
        assertThat(m).isEqualTo(new TreeMap<>(Map.of("atr_rel_14", -1.25, "rsi_14", 0.5)));
        assertThat(List.copyOf(m.keySet())).containsExactly("atr_rel_14", "rsi_14");
        assertThat(m.get("rsi_14")).isEqualTo(0.5);
        assertThat(m.get("nan")).isNull();
        assertThat(m.containsKey("atr_rel_14")).isTrue();
        assertThat(m.containsKey(7)).isFalse();
        assertThat(m.hashCode()).isEqualTo(new TreeMap<>(m).hashCode());
        assertThat(FeatureMap.of(m)).isSameAs(m);
    }

    @Test
    void mapsWithTheSameNamesShareOneNamesArray() throws Exception {
        FeatureMap a = FeatureMap.of(Map.of("x", 1.0, "y", 2.0));
        FeatureMap b = FeatureMap.of(Map.of("y", 3.0, "x", 4.0));
        var names = FeatureMap.class.getDeclaredField("names");
        names.setAccessible(true);
        assertThat(names.get(a)).isSameAs(names.get(b));
        assertThat(b.get("x")).isEqualTo(4.0);
    }
}
