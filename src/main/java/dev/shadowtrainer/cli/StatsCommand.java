package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.rl.QMetadata;
import dev.shadowtrainer.rl.QTableFile;
import dev.shadowtrainer.rl.QTableSnapshot;
import dev.shadowtrainer.rl.TabularAgent;
import dev.shadowtrainer.rl.TradeOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stats}: the tabular RL agents saved in a run or model folder, as the design's get_stats shows them. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"The tabular RL agents' Q-tables saved by train (meta_strategy_q_table.json, "
                + "position_sizing_q_table.json) in a run or model folder: per agent the states, updates, epsilon, "
                + "episodes, mean and max Q, learning rate, discount, recent win rate, the mean reward of the kept "
                + "outcomes and the actions that are greedy in the most states.",
                "Example: stats --run runs/20250101-120000-BTCUSDT-15m --json"})
final class StatsCommand extends ConfiguredCommand {
    static final List<String> FILES = List.of(TabularAgent.META_STRATEGY_FILE, TabularAgent.POSITION_SIZING_FILE);
    static final int TOP_ACTIONS = 5;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Folder folder;

    static final class Folder {
        @Option(names = "--model", paramLabel = "DIR", description = "a model folder, e.g. models/<name>")
        Path model;

        @Option(names = "--run", paramLabel = "DIR", description = "a run folder, e.g. runs/<run-id>")
        Path run;
    }

    /** One action and the number of states where it has the highest Q-value. */
    record TopAction(String action, int states) {
    }

    /** One agent's statistics. */
    record AgentLine(String file, String agentType, String actionSpace, int actionSpaceSize, int states,
                     long updates, double epsilon, long episodes, double meanQ, double maxQ, double learningRate,
                     double discount, double recentWinRate, int outcomes, Double meanOutcomeReward,
                     Instant lastUpdated, List<TopAction> topActions) {
    }

    @Override
    public Integer call() {
        Path dir = folder.model != null ? folder.model : folder.run;
        String kind = folder.model != null ? "model" : "run";
        if (!Files.isDirectory(dir)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "stats: no " + kind + " folder " + dir
                    + "; give an existing folder written by train (--run runs/<id> or --model models/<name>)");
        }
        List<AgentLine> agents = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                agents.add(line(name, QTableFile.read(file)));
            } else {
                missing.add(name);
            }
        }
        if (agents.isEmpty()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "stats: " + kind + " folder " + dir + " has no "
                    + String.join(" or ", FILES) + "; train with rl.enabled=true writes them");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("folder", dir.toString());
        summary.put("agents", agents);
        summary.put("missing", missing);
        List<String> text = new ArrayList<>();
        text.add("stats " + dir + ": " + agents.size() + " agent" + (agents.size() == 1 ? "" : "s")
                + (missing.isEmpty() ? "" : " (no " + String.join(", ", missing) + ")"));
        for (AgentLine a : agents) {
            text.add(String.format(Locale.ROOT, "%s (%s, %s, %d actions): %d states, %d updates, epsilon %.4f, "
                            + "%d episodes, mean Q %.4f, max Q %.4f", a.agentType(), a.file(), a.actionSpace(),
                    a.actionSpaceSize(), a.states(), a.updates(), a.epsilon(), a.episodes(), a.meanQ(), a.maxQ()));
            text.add(String.format(Locale.ROOT, "  alpha %s, gamma %s, recent win rate %.3f, %d outcomes%s, last "
                            + "updated %s", a.learningRate(), a.discount(), a.recentWinRate(), a.outcomes(),
                    a.meanOutcomeReward() == null ? "" : String.format(Locale.ROOT, " (mean reward %.4f)",
                            a.meanOutcomeReward()), a.lastUpdated() == null ? "-" : a.lastUpdated()));
            for (TopAction t : a.topActions()) {
                text.add(String.format(Locale.ROOT, "  greedy in %4d states: %s", t.states(), t.action()));
            }
        }
        printSummary(summary, text);
        return 0;
    }

    static AgentLine line(String file, QTableSnapshot s) {
        int[] greedy = new int[s.actions().size()];
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        long values = 0;
        for (double[] row : s.qTable().values()) {
            int best = 0;
            for (int a = 0; a < row.length; a++) {
                sum += row[a];
                max = Math.max(max, row[a]);
                values++;
                if (row[a] > row[best]) {
                    best = a;
                }
            }
            greedy[best]++;
        }
        List<TopAction> top = new ArrayList<>();
        for (int a = 0; a < greedy.length; a++) {
            if (greedy[a] > 0) {
                top.add(new TopAction(s.actions().get(a), greedy[a]));
            }
        }
        top.sort(Comparator.comparingInt(TopAction::states).reversed()); // stable: index order among ties
        QMetadata m = s.metadata();
        Double meanReward = s.outcomes().isEmpty() ? null
                : s.outcomes().stream().mapToDouble(TradeOutcome::reward).average().orElseThrow();
        return new AgentLine(file, s.agent(), s.actionSpace(), s.actions().size(), s.qTable().size(),
                m.totalUpdates(), m.explorationRate(), m.episodes(), values == 0 ? 0 : sum / values,
                values == 0 ? 0 : max, m.learningRate(), m.discount(), m.recentWinRate(), s.outcomes().size(),
                meanReward, m.lastUpdated(), List.copyOf(top.subList(0, Math.min(TOP_ACTIONS, top.size()))));
    }
}
