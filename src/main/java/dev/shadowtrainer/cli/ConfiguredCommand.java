package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand with the shared options, a resolved config and a summary printed as text or JSON. */
abstract class ConfiguredCommand implements Callable<Integer> {
    @ParentCommand
    ShadowTrainer root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** Config overrides this command's own flags add to the shared ones. */
    void addOverrides(Map<String, String> overrides) {
    }

    final ShadowConfig config() {
        Map<String, String> overrides = common.overrides();
        addOverrides(overrides);
        return root.configure(common, overrides);
    }

    /** The configuration with {@code extra} overrides on top of the command's (e.g. one symbol of several). */
    final ShadowConfig config(Map<String, String> extra) {
        Map<String, String> overrides = common.overrides();
        addOverrides(overrides);
        overrides.putAll(extra);
        return root.configure(common, overrides);
    }

    final AppContext context() {
        return root.context();
    }

    /** Progress and notes go to stderr so stdout stays the summary (and valid JSON with --json). */
    final PrintWriter progress() {
        return spec.commandLine().getErr();
    }

    final void printSummary(Object summary, List<String> text) {
        SummaryPrinter.print(spec.commandLine().getOut(), common.json, summary, text);
    }
}
