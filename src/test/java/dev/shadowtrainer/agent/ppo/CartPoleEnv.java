package dev.shadowtrainer.agent.ppo;

import java.util.SplittableRandom;

/**
 * Classic-control cart-pole (gym's CartPole-v1) as a {@link VectorEnv}: gravity 9.8, cart mass 1.0, pole
 * mass 0.1, half pole length 0.5, force 10, tau 0.02, Euler integration, episode over when |x| > 2.4 or
 * |theta| > 12 degrees or after 500 steps, reward 1 per step (the last included), initial state uniform in
 * +-0.05. Observation [x, x_dot, theta, theta_dot]; action 0 pushes left, 1 right. Each environment draws its
 * initial states from its own stream split from the reset seed.
 */
public final class CartPoleEnv implements VectorEnv {
    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_CART + MASS_POLE;
    static final double HALF_LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;
    static final double FORCE = 10.0;
    static final double TAU = 0.02;
    static final double X_LIMIT = 2.4;
    static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    static final int MAX_STEPS = 500;

    private final int numEnvs;
    private final double[] state;
    private final int[] steps;
    private SplittableRandom[] randoms;

    public CartPoleEnv(int numEnvs) {
        this.numEnvs = numEnvs;
        this.state = new double[numEnvs * 4];
        this.steps = new int[numEnvs];
    }

    @Override
    public int numEnvs() {
        return numEnvs;
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actionCount() {
        return 2;
    }

    @Override
    public void reset(long seed, float[] observations) {
        SplittableRandom root = new SplittableRandom(seed);
        randoms = new SplittableRandom[numEnvs];
        for (int e = 0; e < numEnvs; e++) {
            randoms[e] = root.split();
            resetOne(e);
            write(e, observations);
        }
    }

    private void resetOne(int e) {
        for (int k = 0; k < 4; k++) {
            state[e * 4 + k] = randoms[e].nextDouble(-0.05, 0.05);
        }
        steps[e] = 0;
    }

    private void write(int e, float[] observations) {
        for (int k = 0; k < 4; k++) {
            observations[e * 4 + k] = (float) state[e * 4 + k];
        }
    }

    @Override
    public void step(int[] actions, float[] observations, float[] rewards, boolean[] dones) {
        for (int e = 0; e < numEnvs; e++) {
            int s = e * 4;
            double x = state[s];
            double xDot = state[s + 1];
            double theta = state[s + 2];
            double thetaDot = state[s + 3];
            double force = actions[e] == 1 ? FORCE : -FORCE;
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
            double thetaAcc = (GRAVITY * sin - cos * temp)
                    / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
            double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
            x += TAU * xDot;
            xDot += TAU * xAcc;
            theta += TAU * thetaDot;
            thetaDot += TAU * thetaAcc;
            state[s] = x;
            state[s + 1] = xDot;
            state[s + 2] = theta;
            state[s + 3] = thetaDot;
            steps[e]++;
            boolean terminated = x < -X_LIMIT || x > X_LIMIT || theta < -THETA_LIMIT || theta > THETA_LIMIT;
            boolean done = terminated || steps[e] >= MAX_STEPS;
            rewards[e] = 1f;
            dones[e] = done;
            if (done) {
                resetOne(e);
            }
            write(e, observations);
        }
    }
}
