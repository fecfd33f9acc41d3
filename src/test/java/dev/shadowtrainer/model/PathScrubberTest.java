package dev.shadowtrainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathScrubberTest {
    private final PathScrubber scrubber = new PathScrubber(Path.of("/srv/work/shadow"), Path.of("/home/ann"));

    @Test
    void theWorkingFolderBecomesRelative() {
        assertThat(scrubber.scrub("file:/srv/work/shadow/data/x.csv")).isEqualTo("file:./data/x.csv");
        assertThat(scrubber.scrub("/srv/work/shadow")).isEqualTo(".");
        assertThat(scrubber.scrub("/srv/work/shadowy/x")).isEqualTo("<abs>/x");
    }

    @Test
    void theHomeBecomesTilde() {
        assertThat(scrubber.scrub("/home/ann/cache")).isEqualTo("~/cache");
        assertThat(scrubber.scrub("h2:/home/ann/db/memory")).isEqualTo("h2:~/db/memory");
    }

    @Test
    void otherAbsolutePathsKeepOnlyTheFileName() {
        assertThat(scrubber.scrub("/tmp/junit123/shadow.yaml")).isEqualTo("<abs>/shadow.yaml");
        assertThat(scrubber.scrub("file:/data/BTCUSDT_15m.csv")).isEqualTo("file:<abs>/BTCUSDT_15m.csv");
        assertThat(scrubber.scrub("read /a/b/c.csv and /d/e.csv")).isEqualTo("read <abs>/c.csv and <abs>/e.csv");
        assertThat(scrubber.scrub("file:C:\\Users\\ann\\x.csv")).isEqualTo("file:<abs>/x.csv");
    }

    @Test
    void scrubbingTwiceChangesNothing() {
        for (String text : new String[] {"file:/data/x.csv", "/home/ann/c", "/srv/work/shadow/d", "C:\\a\\b.csv"}) {
            String once = scrubber.scrub(text);
            assertThat(scrubber.scrub(once)).isEqualTo(once);
        }
    }

    @Test
    void urlsRelativePathsAndPlainWordsStay() {
        assertThat(scrubber.scrub("postgresql://bob:***@db.example:5432/shadow"))
                .isEqualTo("postgresql://bob:***@db.example:5432/shadow");
        assertThat(scrubber.scrub("data/candles")).isEqualTo("data/candles");
        assertThat(scrubber.scrub("h2:data/memory/shadow-trainer")).isEqualTo("h2:data/memory/shadow-trainer");
        assertThat(scrubber.scrub("BTC/USDT")).isEqualTo("BTC/USDT");
        assertThat(scrubber.scrub("default")).isEqualTo("default");
        assertThat(scrubber.scrub(null)).isNull();
    }
}
