package dev.shadowtrainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: config/base.yaml when present, else built-in defaults)")
    Path config;

    @Option(names = "--seed", paramLabel = "N", description = "seed for every random choice (config key seed)")
    Long seed;

    @Option(names = {"-v", "--verbose"}, description = "detailed logs on stderr and stack traces on errors")
    boolean verbose;

    @Option(names = "--json", description = "print the run summary as JSON on stdout instead of text")
    boolean json;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "set any config key, e.g. --set training.rl_agent.gamma=0.98 (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    /** Config overrides from flags, keyed by config path; explicit flags win over --set. */
    Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>(set);
        if (seed != null) {
            out.put("seed", Long.toString(seed));
        }
        return out;
    }
}
