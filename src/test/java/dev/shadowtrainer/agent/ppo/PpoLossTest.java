package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PpoLossTest {
    private static final double CLIP = 0.2;

    @BeforeAll
    static void nd4j() {
        Nd4jSettings.apply();
    }

    private static PpoConfig config(boolean normAdv, boolean clipVloss, double entCoef, double vfCoef) {
        return new PpoConfig(1e-3, 1, 4, true, 0.99, 0.95, 1, 1, normAdv, CLIP, clipVloss, entCoef, vfCoef, 0.5,
                Double.NaN, new int[] {4}, 4);
    }

    private static INDArray matrix(int rows, int cols, double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.create(f, new long[] {rows, cols}, 'c');
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * Uniform policy (zero logits, 3 actions), ratio 1, no normalisation, no entropy: pg_loss = mean(-A) =
     * -(2 - 1)/2 = -0.5; d/dz_ij = -A_i ([j = a_i] - 1/3) / 2. Entropy log 3 with zero gradient at uniform.
     * Values without clipping: v_loss = 0.5 * mean((1 - 0)^2, (2 - 4)^2) = 1.25, d/dv_i = vf (v_i - R_i) / 2.
     */
    @Test
    void unclippedTermsAndGradientsByHand() {
        PpoConfig config = config(false, false, 0.0, 0.5);
        double logThird = Math.log(1.0 / 3);
        PpoLoss.Result r = PpoLoss.compute(matrix(2, 3, 0, 0, 0, 0, 0, 0), matrix(2, 1, 1, 2),
                matrix(2, 3, 1, 0, 0, 0, 0, 1), null, matrix(2, 1, logThird, logThird), matrix(2, 1, 2, -1),
                matrix(2, 1, 0, 4), matrix(2, 1, 1, 2), config);

        assertThat(r.policyLoss()).isCloseTo(-0.5, within(1e-6));
        assertThat(r.entropy()).isCloseTo(Math.log(3), within(1e-6));
        assertThat(r.valueLoss()).isCloseTo(1.25, within(1e-6));
        assertThat(r.loss()).isCloseTo(-0.5 + 0.5 * 1.25, within(1e-6));
        assertThat(r.approxKl()).isCloseTo(0, within(1e-6));
        assertThat(r.clipFraction()).isZero();
        double third = 1.0 / 3;
        double[] expected = {-2 * (1 - third) / 2, -2 * (-third) / 2, -2 * (-third) / 2,
            1 * (-third) / 2, 1 * (-third) / 2, 1 * (1 - third) / 2};
        assertThat(flat(r.logitsGradient())).containsExactly(expected, within(1e-6));
        assertThat(flat(r.valuesGradient())).containsExactly(new double[] {0.5 * 1 / 2, 0.5 * -2 / 2}, within(1e-6));
    }

    /**
     * Two actions, logits (ln 1.5, 0)... chosen so the new probability of the taken action is 0.6 and the old
     * one 0.4: ratio 1.5, outside [0.8, 1.2]. With A = +1 the clipped surrogate wins (-1.2 > -1.5): loss 1.2*-1
     * = -1.2, gradient 0. With A = -1 the unclipped one wins (1.5 > 1.2): loss 1.5, d/dlogp = -A * ratio =
     * 1.5, d/dz = 1.5 * ([j = a] - p) = (1.5 * 0.4, -1.5 * 0.4) for a = 0. Both rows clip: clipfrac 1.
     */
    @Test
    void clippedSurrogatePassesGradientOnlyWhenUnclippedTermWins() {
        PpoConfig config = config(false, false, 0.0, 0.0);
        double z = Math.log(1.5); // p(0) = 1.5 / 2.5 = 0.6
        double old = Math.log(0.4);
        for (double advantage : new double[] {1, -1}) {
            PpoLoss.Result r = PpoLoss.compute(matrix(1, 2, z, 0), matrix(1, 1, 0), matrix(1, 2, 1, 0), null,
                    matrix(1, 1, old), matrix(1, 1, advantage), matrix(1, 1, 0), matrix(1, 1, 0), config);
            assertThat(r.clipFraction()).isEqualTo(1.0);
            assertThat(r.approxKl()).isCloseTo(0.5 - Math.log(1.5), within(1e-6));
            if (advantage > 0) {
                assertThat(r.policyLoss()).isCloseTo(-1.2, within(1e-6));
                assertThat(flat(r.logitsGradient())).containsExactly(new double[] {0, 0}, within(1e-7));
            } else {
                assertThat(r.policyLoss()).isCloseTo(1.5, within(1e-6));
                assertThat(flat(r.logitsGradient())).containsExactly(new double[] {0.6, -0.6}, within(1e-6));
            }
        }
    }

    /**
     * Clipped value loss, clip 0.2, old value 0, new value 1 (so the clipped prediction is 0.2): with return 0
     * the unclipped error wins (1 > 0.04) and passes gradient (v - R) = 1; with return 2 the clipped error
     * wins ((0.2 - 2)^2 = 3.24 > 1) and passes none. v_loss = 0.5 * mean(1, 3.24) = 1.06.
     */
    @Test
    void clippedValueLossByHand() {
        PpoConfig config = config(false, true, 0.0, 0.5);
        PpoLoss.Result r = PpoLoss.compute(matrix(2, 2, 0, 0, 0, 0), matrix(2, 1, 1, 1), matrix(2, 2, 1, 0, 1, 0),
                null, matrix(2, 1, Math.log(0.5), Math.log(0.5)), matrix(2, 1, 0, 0), matrix(2, 1, 0, 2),
                matrix(2, 1, 0, 0), config);
        assertThat(r.valueLoss()).isCloseTo(1.06, within(1e-6));
        assertThat(flat(r.valuesGradient())).containsExactly(new double[] {0.5 * 1 / 2, 0}, within(1e-7));

        PpoLoss.Result unclipped = PpoLoss.compute(matrix(2, 2, 0, 0, 0, 0), matrix(2, 1, 1, 1),
                matrix(2, 2, 1, 0, 1, 0), null, matrix(2, 1, Math.log(0.5), Math.log(0.5)), matrix(2, 1, 0, 0),
                matrix(2, 1, 0, 2), matrix(2, 1, 0, 0), config(false, false, 0.0, 0.5));
        assertThat(unclipped.valueLoss()).isCloseTo(0.5 * (1 + 1) / 2, within(1e-6));
        assertThat(flat(unclipped.valuesGradient())).containsExactly(new double[] {0.25, -0.25}, within(1e-7));
    }

    /**
     * Everything on (normalised advantages, clipped values, entropy bonus, a mask): the loss terms match a
     * plain double-precision reference and the gradients match central finite differences of that reference.
     */
    @Test
    void gradientsMatchFiniteDifferencesOfAReference() {
        PpoConfig config = config(true, true, 0.05, 0.7);
        int m = 6;
        int a = 4;
        SplittableRandom random = new SplittableRandom(11);
        double[] logits = new double[m * a];
        double[] values = new double[m];
        double[] allowed = new double[m * a];
        double[] oneHot = new double[m * a];
        double[] oldLogp = new double[m];
        double[] adv = new double[m];
        double[] ret = new double[m];
        double[] oldV = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < a; j++) {
                logits[i * a + j] = random.nextGaussian();
                allowed[i * a + j] = (i % 2 == 1 && j == i % a) ? 0 : 1; // one masked action in odd rows
            }
            int action = (i + 1) % a;
            oneHot[i * a + action] = 1;
            values[i] = random.nextGaussian();
            oldV[i] = values[i] + random.nextDouble(-0.4, 0.4);
            ret[i] = random.nextGaussian();
            adv[i] = random.nextGaussian();
            oldLogp[i] = Reference.logProbs(logits, allowed, i, a)[action] + random.nextDouble(-0.5, 0.5);
        }
        PpoLoss.Result r = PpoLoss.compute(matrix(m, a, logits), matrix(m, 1, values), matrix(m, a, oneHot),
                matrix(m, a, allowed), matrix(m, 1, oldLogp), matrix(m, 1, adv), matrix(m, 1, ret),
                matrix(m, 1, oldV), config);
        Reference ref = new Reference(config, m, a, oneHot, allowed, oldLogp, adv, ret, oldV);

        double[] terms = ref.terms(logits, values);
        assertThat(r.loss()).isCloseTo(terms[0], within(1e-5));
        assertThat(r.policyLoss()).isCloseTo(terms[1], within(1e-5));
        assertThat(r.valueLoss()).isCloseTo(terms[2], within(1e-5));
        assertThat(r.entropy()).isCloseTo(terms[3], within(1e-5));
        assertThat(r.approxKl()).isCloseTo(terms[4], within(1e-5));

        double h = 1e-6;
        double[] gradLogits = flat(r.logitsGradient());
        for (int k = 0; k < logits.length; k++) {
            double[] plus = logits.clone();
            double[] minus = logits.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (ref.terms(plus, values)[0] - ref.terms(minus, values)[0]) / (2 * h);
            assertThat(gradLogits[k]).as("d loss / d logit %d", k).isCloseTo(fd, within(2e-5));
            if (allowed[k] == 0) {
                assertThat(gradLogits[k]).isZero();
            }
        }
        double[] gradValues = flat(r.valuesGradient());
        for (int k = 0; k < m; k++) {
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (ref.terms(logits, plus)[0] - ref.terms(logits, minus)[0]) / (2 * h);
            assertThat(gradValues[k]).as("d loss / d value %d", k).isCloseTo(fd, within(2e-5));
        }
    }

    /** CleanRL's loss written out plainly in double precision, masked actions removed from the softmax. */
    private record Reference(PpoConfig c, int m, int a, double[] oneHot, double[] allowed, double[] oldLogp,
                             double[] adv, double[] ret, double[] oldV) {
        static double[] logProbs(double[] logits, double[] allowed, int row, int a) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < a; j++) {
                if (allowed[row * a + j] > 0) {
                    max = Math.max(max, logits[row * a + j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < a; j++) {
                if (allowed[row * a + j] > 0) {
                    sum += Math.exp(logits[row * a + j] - max);
                }
            }
            double[] out = new double[a];
            for (int j = 0; j < a; j++) {
                out[j] = allowed[row * a + j] > 0 ? logits[row * a + j] - max - Math.log(sum)
                        : Double.NEGATIVE_INFINITY;
            }
            return out;
        }

        /** loss, pg_loss, v_loss, entropy, approx_kl. */
        double[] terms(double[] logits, double[] values) {
            double mean = 0;
            for (double x : adv) {
                mean += x / m;
            }
            double var = 0;
            for (double x : adv) {
                var += (x - mean) * (x - mean) / (m - 1);
            }
            double pg = 0;
            double vl = 0;
            double ent = 0;
            double kl = 0;
            for (int i = 0; i < m; i++) {
                double[] lp = logProbs(logits, allowed, i, a);
                double newLogp = 0;
                for (int j = 0; j < a; j++) {
                    if (oneHot[i * a + j] > 0) {
                        newLogp = lp[j];
                    }
                    if (allowed[i * a + j] > 0) {
                        ent -= Math.exp(lp[j]) * lp[j] / m;
                    }
                }
                double logRatio = newLogp - oldLogp[i];
                double ratio = Math.exp(logRatio);
                kl += (ratio - 1 - logRatio) / m;
                double advantage = c.normAdv() ? (adv[i] - mean) / (Math.sqrt(var) + 1e-8) : adv[i];
                double clipped = Math.min(Math.max(ratio, 1 - c.clipCoef()), 1 + c.clipCoef());
                pg += Math.max(-advantage * ratio, -advantage * clipped) / m;
                double unclippedSq = (values[i] - ret[i]) * (values[i] - ret[i]);
                double vClipped = oldV[i] + Math.min(Math.max(values[i] - oldV[i], -c.clipCoef()), c.clipCoef());
                double clippedSq = (vClipped - ret[i]) * (vClipped - ret[i]);
                vl += 0.5 * (c.clipVloss() ? Math.max(unclippedSq, clippedSq) : unclippedSq) / m;
            }
            return new double[] {pg - c.entCoef() * ent + c.vfCoef() * vl, pg, vl, ent, kl};
        }
    }
}
