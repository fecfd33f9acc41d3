package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KBestTest {
    @Test
    void keepsTheKBestBySimilarityThenRecencyInTheOrderAFullSortGivesWhateverTheTies() {
        SplittableRandom random = new SplittableRandom(23);
        for (int round = 0; round < 2_000; round++) {
            int capacity = 1 + random.nextInt(64);
            int k = 1 + random.nextInt(capacity);
            int count = random.nextInt(capacity + 1); // slots in use: 0 .. count-1, or the whole ring
            boolean full = count == capacity;
            int next = full ? random.nextInt(capacity) : count; // the slot the next trade would take
            float[] similarity = new float[capacity];
            for (int s = 0; s < capacity; s++) {
                // few distinct values in most rounds, so ties at the k-th place are common
                similarity[s] = round % 3 == 0 ? (float) random.nextGaussian() : random.nextInt(4) * 0.25f;
            }
            // The ring newest first, as NearestTrades offers it.
            List<Integer> newestFirst = new ArrayList<>();
            for (int s = next - 1; s >= 0; s--) {
                newestFirst.add(s);
            }
            if (full) {
                for (int s = capacity - 1; s >= next; s--) {
                    newestFirst.add(s);
                }
            }
            KBest best = new KBest(k);
            best.offerNewestFirst(similarity, next - 1, 0);
            if (full) {
                best.offerNewestFirst(similarity, capacity - 1, next);
            }

            // Reference: rank every slot by similarity, the more recent first among equals, take k, worst first.
            List<Integer> ranked = new ArrayList<>(newestFirst);
            ranked.sort(Comparator.comparing((Integer s) -> -similarity[s]).thenComparing(newestFirst::indexOf));
            List<Integer> expected = new ArrayList<>(ranked.subList(0, Math.min(k, ranked.size())));
            java.util.Collections.reverse(expected);

            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < best.found(); i++) {
                kept.add(best.slot(i));
                assertThat(best.similarity(i)).isEqualTo(similarity[best.slot(i)]);
            }
            assertThat(kept).as("round %d: capacity %d, k %d, count %d, next %d", round, capacity, k, count, next)
                    .isEqualTo(expected);
        }
    }

    @Test
    void startsAgainAfterClear() {
        KBest best = new KBest(2);
        best.offerNewestFirst(new float[] {0.1f, 0.9f, 0.5f}, 2, 0);
        assertThat(best.found()).isEqualTo(2);
        assertThat(best.slot(0)).isEqualTo(2);
        assertThat(best.slot(1)).isEqualTo(1);
        best.clear();
        assertThat(best.found()).isZero();
        best.offerNewestFirst(new float[] {-0.3f}, 0, 0);
        assertThat(best.found()).isEqualTo(1);
        assertThat(best.similarity(0)).isEqualTo(-0.3f);
    }

    @Test
    void refusesAKBelowOne() {
        assertThatThrownBy(() -> new KBest(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1");
    }
}
