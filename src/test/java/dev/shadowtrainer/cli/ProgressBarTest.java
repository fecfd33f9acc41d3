package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void etaIsTheTimeLeftAtTheAverageRateSoFar() {
        assertThat(ProgressBar.eta(0, 5_000_000_000L)).isEqualTo("?");
        assertThat(ProgressBar.eta(0.25, 10_000_000_000L)).isEqualTo("30s");
        assertThat(ProgressBar.eta(0.5, 90_000_000_000L)).isEqualTo("1m30s");
        assertThat(ProgressBar.eta(0.1, 3_600_000_000_000L)).isEqualTo("9h00m");
    }

    @Test
    void outsideATerminalItPrintsALinePerTenthAndNotesInBetween() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, clock::get);
        for (int done = 0; done <= 1000; done += 5) {
            clock.addAndGet(10_000_000L);
            bar.advance(done, 1000, "fold 1/2");
            if (done == 500) {
                bar.note("fold 1/2 done");
            }
        }
        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(12); // 0%, 10% .. 100%, and the note
        assertThat(lines[0]).startsWith("[------------------------]   0% 0/1,000 ETA ? fold 1/2");
        assertThat(text.toString()).contains("fold 1/2 done\n")
                .contains("[############------------]  50% 500/1,000 ETA 1s fold 1/2")
                .doesNotContain("\r");
        assertThat(lines[lines.length - 1]).startsWith("[########################] 100% 1,000/1,000 ETA 0s");
    }

    @Test
    void onATerminalItRedrawsInPlaceAndClearsBeforeNotes() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true, clock::get);
        bar.advance(1, 10, "x");
        clock.addAndGet(50_000_000L);
        bar.advance(2, 10, "x"); // too soon: not drawn
        bar.note("hello");
        clock.addAndGet(300_000_000L);
        bar.advance(10, 10, "x");
        String s = text.toString();
        assertThat(s).doesNotContain("2/10").contains("1/10").contains("\rhello\n").endsWith("10/10 ETA 0s x\n");
    }
}
