package dev.shadowtrainer.cli;

import dev.shadowtrainer.pipeline.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: on a terminal one bar redrawn in place (at most five times a second) with the
 * share done, the units, the estimated time left and what is being done; elsewhere (logs, CI) a line
 * at every tenth of the work, so logs stay short. Notes are printed on their own lines, the bar is
 * redrawn after them.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private final LongSupplier nanos;
    private final long started;
    private long lastDraw;
    private int lastTenth = -1;
    private String drawn = "";

    ProgressBar(PrintWriter out, boolean interactive, LongSupplier nanos) {
        this.out = out;
        this.interactive = interactive;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastDraw = started - REDRAW_NANOS; // the first update is drawn at once
    }

    /** A bar on the process's stderr, redrawn in place only when stderr is a terminal. */
    static ProgressBar on(PrintWriter out) {
        return new ProgressBar(out, System.console() != null, System::nanoTime);
    }

    @Override
    public void note(String line) {
        clear();
        out.println(line);
        out.flush();
    }

    @Override
    public void advance(long done, long total, String status) {
        if (total <= 0) {
            return;
        }
        long now = nanos.getAsLong();
        double share = Math.min(1.0, Math.max(0.0, (double) done / total));
        String text = render(share, done, total, eta(share, now - started), status);
        if (interactive) {
            if (now - lastDraw >= REDRAW_NANOS || done >= total) {
                lastDraw = now;
                clear();
                out.print(text);
                drawn = text;
                if (done >= total) {
                    out.println();
                    drawn = "";
                }
                out.flush();
            }
            return;
        }
        int tenth = (int) Math.floor(share * 10);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.println(text);
            out.flush();
        }
    }

    static String render(double share, long done, long total, String eta, String status) {
        int filled = (int) Math.round(share * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%% %,d/%,d ETA %s %s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), share * 100, done, total, eta, status).stripTrailing();
    }

    /** Time left at the average rate so far; "?" until something is done. */
    static String eta(double share, long elapsedNanos) {
        if (share <= 0) {
            return "?";
        }
        long seconds = Math.round(elapsedNanos / 1e9 * (1 - share) / share);
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : seconds + "s";
    }

    private void clear() {
        if (!drawn.isEmpty()) {
            out.print("\r" + " ".repeat(drawn.length()) + "\r");
            drawn = "";
        }
    }
}
