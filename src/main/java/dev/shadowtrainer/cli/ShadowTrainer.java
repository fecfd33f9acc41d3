package dev.shadowtrainer.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code shadow-trainer <command>}. */
@Command(name = "shadow-trainer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Offline walk-forward shadow-trading trainer for crypto candles.",
        subcommands = {TrainCommand.class, TrainUniverseCommand.class, DownloadCommand.class, CandlesCommand.class,
                LookaheadCheckCommand.class, BenchCommand.class, DbCommand.class, PatternsCommand.class,
                AnalyzeCommand.class, AbTestCommand.class, StatsCommand.class, ExportCommand.class, PredictCommand.class,
                ReportCommand.class, BacktestCommand.class, NightlyCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:internal error (a bug: rerun with --verbose and report the stack trace)",
                "2:usage: unknown option, bad flag or config value",
                "3:bad or insufficient market data",
                "4:storage unreachable or failing",
                "5:nightly: another nightly holds the lock (models/nightly.lock); nothing was done",
                "6:train-universe: some symbols failed, the others trained (see its summary)",
                "7:out of memory: the JVM heap is too small for the run (raise it with SHADOW_JAVA_OPTS=-Xmx2g)",
                "130:interrupted by Ctrl-C after saving a checkpoint; continue with train --resume <run-id>"})
public final class ShadowTrainer implements Runnable {
    private final AppContext context;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ShadowTrainer(AppContext context) {
        this.context = context;
    }

    AppContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. train");
    }

    /** Resolves the configuration for a command and sets the log level. */
    ShadowConfig configure(CommonOptions common, Map<String, String> overrides) {
        setVerbose(common.verbose);
        return new ConfigLoader().load(common.config, context.env(), overrides);
    }

    private static void setVerbose(boolean verbose) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            Logger ours = (Logger) LoggerFactory.getLogger("dev.shadowtrainer");
            ours.setLevel(verbose ? Level.DEBUG : Level.WARN);
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(verbose ? Level.INFO : Level.WARN);
            ((Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(verbose ? Level.INFO : Level.ERROR);
        }
    }

    /** A command line wired with one-line error handling, for main and for tests. */
    public static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new ShadowTrainer(context));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine sub = ex.getCommandLine();
            err.println("error: " + ex.getMessage() + "; see '" + sub.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, sub, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose")
                    || parseResult.originalArgs().contains("-v");
            if (ex instanceof ShadowTrainerException known) {
                err.println("error: " + known.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return known.exitCode();
            }
            err.println("internal error: " + ex + (verbose ? "" : "; rerun with --verbose for the stack trace"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        });
        return cmd;
    }

    /**
     * Runs the command line; running out of heap becomes one line naming the limit and how to raise it, and exit
     * code {@link ExitCodes#OUT_OF_MEMORY}, instead of a stack trace.
     */
    static int execute(CommandLine cmd, String[] args, PrintWriter err) {
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (" + e.getMessage() + ") with a heap of at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; give the JVM more, e.g. "
                    + "SHADOW_JAVA_OPTS=-Xmx2g scripts/shadow-trainer ..., or ask for less (fewer --days, a coarser "
                    + "--timeframe, a lower --parallelism)");
            err.flush();
            return ExitCodes.OUT_OF_MEMORY;
        }
    }

    public static void main(String[] args) {
        dev.shadowtrainer.agent.ppo.CachedShapeInfoProvider.install(); // before anything starts ND4J
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(commandLine(AppContext.system(), out, err), args, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
