package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.pipeline.RunInterrupt;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C (SIGINT) during {@code train}: the first press asks the run to stop at its next safe point,
 * where it saves a checkpoint and exits with {@link ExitCodes#INTERRUPTED}; a second press exits at once
 * (files are written atomically, so none is left half-written, but the run keeps only its last periodic
 * checkpoint). The JDK's signal API ({@code sun.misc.Signal}, in the exported jdk.unsupported module) is
 * reached reflectively to keep the build free of internal-API warnings; where it is missing Ctrl-C keeps
 * its default behaviour.
 */
final class CtrlC implements RunInterrupt, AutoCloseable {
    private final PrintWriter err;
    private volatile boolean requested;
    private Object signal;
    private Object previous;

    private CtrlC(PrintWriter err) {
        this.err = err;
    }

    /** Handles SIGINT until {@link #close()}. */
    static CtrlC install(PrintWriter err) {
        CtrlC c = new CtrlC(err);
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            Object handler = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            c.pressed();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "ctrl-c handler";
                    });
            c.previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sigint, handler);
            c.signal = sigint;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No signal API here: Ctrl-C ends the JVM as usual.
        }
        return c;
    }

    private void pressed() {
        if (requested) {
            err.println("interrupted again: exiting now without a new checkpoint");
            err.flush();
            System.exit(ExitCodes.INTERRUPTED);
        }
        requested = true;
        err.println();
        err.println("interrupt: saving a checkpoint after the current PPO update (or before the next fold), then "
                + "exiting; once the walk-forward is over the run finishes its outputs (Ctrl-C again to quit now)");
        err.flush();
    }

    @Override
    public boolean requested(int fold, int update) {
        return requested;
    }

    @Override
    public void close() {
        if (signal == null) {
            return;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Leaving our handler in place is harmless once the run is over.
        }
        signal = null;
    }
}
