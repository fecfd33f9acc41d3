package dev.shadowtrainer.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code metrics.csv}: the training health of the learning agent, one row per PPO update of each
 * walk-forward fold (CleanRL's names for the losses and diagnostics). A mean episode reward is empty
 * when no episode finished during that update's rollout.
 */
public final class MetricsCsv {
    public static final List<String> COLUMNS = List.of("fold", "update", "global_step", "policy_loss", "value_loss",
            "entropy", "approx_kl", "clipfrac", "explained_variance", "sps", "learning_rate", "mean_episode_reward",
            "episodes", "epochs");

    /** One update's figures. */
    public record Row(int fold, int update, long globalStep, double policyLoss, double valueLoss, double entropy,
                      double approxKl, double clipfrac, double explainedVariance, double sps, double learningRate,
                      double meanEpisodeReward, int episodes, int epochs) {
    }

    private MetricsCsv() {
    }

    public static void write(Path file, List<Row> rows) {
        Objects.requireNonNull(rows, "rows is null");
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.header(COLUMNS);
            for (Row r : rows) {
                csv.integer(r.fold()).integer(r.update()).integer(r.globalStep()).number(r.policyLoss())
                        .number(r.valueLoss()).number(r.entropy()).number(r.approxKl()).number(r.clipfrac())
                        .number(r.explainedVariance()).number(r.sps()).number(r.learningRate())
                        .number(r.meanEpisodeReward()).integer(r.episodes()).integer(r.epochs());
                csv.endRow();
            }
        });
    }
}
