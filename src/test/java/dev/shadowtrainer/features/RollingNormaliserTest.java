package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingNormaliserTest {

    /** A raw matrix from column-major test data; every bar usable unless listed. */
    private static FeatureMatrix matrix(float[][] columns, int... unusableBars) {
        int width = columns.length;
        int n = columns[0].length;
        float[] values = new float[n * width];
        for (int f = 0; f < width; f++) {
            for (int i = 0; i < n; i++) {
                values[i * width + f] = columns[f][i];
            }
        }
        boolean[] usable = new boolean[n];
        Arrays.fill(usable, true);
        for (int i : unusableBars) {
            usable[i] = false;
        }
        FeatureColumn[] names = new FeatureColumn[width];
        for (int f = 0; f < width; f++) {
            names[f] = new FeatureColumn("f" + f, 0);
        }
        return new FeatureMatrix(List.of(names), values, usable, false);
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** Two-pass z-score over the usable bars of {@code [i - window + 1, i]}, clipped, as a reference. */
    private static double directZ(FeatureMatrix raw, int feature, int i, int window) {
        double sum = 0;
        int count = 0;
        for (int j = Math.max(0, i - window + 1); j <= i; j++) {
            if (raw.isUsable(j)) {
                sum += raw.value(j, feature);
                count++;
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (int j = Math.max(0, i - window + 1); j <= i; j++) {
            if (raw.isUsable(j)) {
                double d = raw.value(j, feature) - mean;
                squares += d * d;
            }
        }
        double std = Math.sqrt(squares / count);
        return std == 0 ? 0 : Math.max(-5, Math.min(5, (raw.value(i, feature) - mean) / std));
    }

    @Test
    void zScoreUsesTheWindowEndingAtTheBar() {
        FeatureMatrix raw = matrix(new float[][] {ramp(10)});
        FeatureMatrix z = new RollingNormaliser(4, 2).normalise(raw);
        // Bar 3 sees 1, 2, 3, 4: mean 2.5, population std sqrt(1.25).
        assertThat(z.value(3, 0)).isCloseTo(1.3416407864998738f, within(1e-6f));
        // A ramp looks the same in every full window.
        assertThat(z.value(9, 0)).isCloseTo(1.3416407864998738f, within(1e-6f));
        // Bar 1 sees 1, 2: mean 1.5, std 0.5.
        assertThat(z.value(1, 0)).isCloseTo(1.0f, within(1e-6f));
        assertThat(z.isUsable(0)).isFalse();
        assertThat(z.value(0, 0)).isNaN();
        assertThat(z.isNormalised()).isTrue();
        assertThat(z.names()).containsExactly("f0");
    }

    @Test
    void extremeValuesAreClippedToFive() {
        float[] up = new float[60];
        float[] down = new float[60];
        up[49] = 1;
        down[49] = -1;
        FeatureMatrix z = new RollingNormaliser(50, 10).normalise(matrix(new float[][] {up, down}));
        // 49 zeros and one 1: mean 0.02, std 0.14, so z = 7 before clipping.
        assertThat(z.value(49, 0)).isEqualTo(5.0f);
        assertThat(z.value(49, 1)).isEqualTo(-5.0f);
    }

    @Test
    void aConstantFeatureInTheWindowGivesZero() {
        int n = 40;
        float[] constant = new float[n];
        Arrays.fill(constant, 3.25f);
        float[] settles = new float[n];
        for (int i = 0; i < n; i++) {
            settles[i] = i < 15 ? (float) Math.sin(i) * 1000 : 0.1f;
        }
        FeatureMatrix z = new RollingNormaliser(10, 5).normalise(matrix(new float[][] {constant, settles}));
        for (int i = 4; i < n; i++) {
            assertThat(z.value(i, 0)).as("bar %d", i).isEqualTo(0.0f);
        }
        for (int i = 24; i < n; i++) {
            assertThat(z.value(i, 1)).as("bar %d", i).isEqualTo(0.0f);
        }
        assertThat(z.value(20, 1)).isNotEqualTo(0.0f);
    }

    @Test
    void barsBeforeMinSamplesOrUnusableInTheRawMatrixAreNotUsable() {
        FeatureMatrix raw = matrix(new float[][] {ramp(30)}, 12);
        FeatureMatrix z = new RollingNormaliser(10, 5).normalise(raw);
        for (int i = 0; i < 30; i++) {
            assertThat(z.isUsable(i)).as("bar %d", i).isEqualTo(i >= 4 && i != 12);
        }
        assertThat(z.value(12, 0)).isNaN();
        assertThat(z.warmup()).isEqualTo(raw.warmup() + 4);
        assertThat(z.warmup(0)).isEqualTo(4);
    }

    @Test
    void unusableRawBarsDoNotEnterTheStatistics() {
        float[] x = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.7);
        }
        x[20] = 1e9f;
        FeatureMatrix raw = matrix(new float[][] {x}, 20);
        FeatureMatrix z = new RollingNormaliser(8, 3).normalise(raw);
        for (int i = 21; i < 28; i++) {
            assertThat((double) z.value(i, 0)).isCloseTo(directZ(raw, 0, i, 8), within(1e-5));
            assertThat(Math.abs(z.value(i, 0))).isLessThan(5.0f);
        }
    }

    @Test
    void longSeriesStayWithinFloatPrecisionOfAnExactComputation() {
        int n = 20_000;
        Random random = new Random(42);
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 1e-3);
            b[i] = (float) (50_000 + 3 * random.nextGaussian() + i * 0.01);
            c[i] = (float) (random.nextGaussian() * (i % 3000 < 1500 ? 10 : 0.001));
        }
        int[] unusable = new int[200];
        for (int k = 0; k < unusable.length; k++) {
            unusable[k] = 37 + k * 97;
        }
        FeatureMatrix raw = matrix(new float[][] {a, b, c}, unusable);
        FeatureMatrix z = new RollingNormaliser().normalise(raw);
        for (int i = 0; i < n; i += 7) {
            if (!z.isUsable(i)) {
                continue;
            }
            for (int f = 0; f < 3; f++) {
                assertThat((double) z.value(i, f)).as("feature %d bar %d", f, i)
                        .isCloseTo(directZ(raw, f, i, 500), within(2e-4));
            }
        }
    }

    @Test
    void aCutMatrixNormalisesBitIdenticallyUpToTheCut() {
        int n = 3_000;
        Random random = new Random(8);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        RollingNormaliser normaliser = new RollingNormaliser(300, 50);
        FeatureMatrix full = normaliser.normalise(matrix(new float[][] {a}, 400, 401, 1200));
        for (int cut : new int[] {49, 50, 299, 300, 599, 600, 1201, 2999}) {
            float[] prefix = Arrays.copyOf(a, cut + 1);
            int[] unusable = Arrays.stream(new int[] {400, 401, 1200}).filter(u -> u <= cut).toArray();
            FeatureMatrix cutMatrix = normaliser.normalise(matrix(new float[][] {prefix}, unusable));
            for (int i = 0; i <= cut; i++) {
                assertThat(Float.floatToIntBits(cutMatrix.value(i, 0))).as("cut %d bar %d", cut, i)
                        .isEqualTo(Float.floatToIntBits(full.value(i, 0)));
                assertThat(cutMatrix.isUsable(i)).isEqualTo(full.isUsable(i));
            }
        }
    }

    @Test
    void rejectsBadSettingsAndNormalisedInput() {
        assertThatThrownBy(() -> new RollingNormaliser(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RollingNormaliser(10, 11)).isInstanceOf(IllegalArgumentException.class);
        RollingNormaliser normaliser = new RollingNormaliser(4, 2);
        FeatureMatrix z = normaliser.normalise(matrix(new float[][] {ramp(10)}));
        assertThatThrownBy(() -> normaliser.normalise(z)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RollingNormaliser().window()).isEqualTo(500);
    }
}
