package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;

/** The policy `train` evaluates until a learned agent exists: the rule-based strategy, which learns nothing. */
public final class RulePolicyTrainer implements PolicyTrainer {
    @Override
    public String name() {
        return "rule-policy";
    }

    @Override
    public Policy train(Simulator simulator, Fold fold, long seed) {
        return new TrendRulePolicy();
    }
}
