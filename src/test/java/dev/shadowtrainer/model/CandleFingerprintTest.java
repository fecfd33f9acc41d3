package dev.shadowtrainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CandleFingerprintTest {
    private static CandleSeries withClose(CandleSeries s, int bar, double close) {
        CandleSeries.Builder b = CandleSeries.builder(s.id(), s.size());
        for (int i = 0; i < s.size(); i++) {
            if (s.isFiller(i)) {
                b.addFiller(s.openTime(i), s.close(i));
            } else {
                b.add(s.openTime(i), s.open(i), s.high(i), s.low(i), i == bar ? close : s.close(i), s.volume(i));
            }
        }
        return b.build();
    }

    @Test
    void theSameCandlesGiveTheSameHash() {
        String a = CandleFingerprint.sha256(TestCandles.btc15m(500, 3));
        String b = CandleFingerprint.sha256(TestCandles.btc15m(500, 3));
        assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b);
    }

    @Test
    void oneChangedPriceChangesTheHash() {
        CandleSeries s = TestCandles.btc15m(500, 3);
        String before = CandleFingerprint.sha256(s);
        assertThat(CandleFingerprint.sha256(withClose(s, 250, s.close(250)))).isEqualTo(before);
        assertThat(CandleFingerprint.sha256(withClose(s, 250, Math.nextUp(s.close(250))))).isNotEqualTo(before);
        assertThat(CandleFingerprint.sha256(withClose(s, 0, s.close(0) + 1))).isNotEqualTo(before);
    }

    @Test
    void fewerBarsAnotherMarketOrAFillerFlagChangeTheHash() {
        CandleSeries s = TestCandles.btc15m(500, 3);
        String before = CandleFingerprint.sha256(s);
        assertThat(CandleFingerprint.sha256(s.slice(0, 499))).isNotEqualTo(before);

        SeriesId eth = new SeriesId("binance", Symbol.parse("ETH/USDT"), Timeframe.parse("15m"));
        CandleSeries.Builder other = CandleSeries.builder(eth, s.size());
        CandleSeries.Builder noFiller = CandleSeries.builder(s.id(), s.size());
        for (int i = 0; i < s.size(); i++) {
            other.addBar(s, i);
            noFiller.add(s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
        }
        assertThat(CandleFingerprint.sha256(other.build())).isNotEqualTo(before);
        assertThat(s.isFiller(3)).isTrue();
        assertThat(CandleFingerprint.sha256(noFiller.build())).isNotEqualTo(before);
    }

    @Test
    void theHashFollowsTheDocumentedByteLayout() throws IOException, NoSuchAlgorithmException {
        // Rebuilt here byte by byte from the layout in CandleFingerprint's javadoc, so a change of the
        // layout (which would orphan every saved model's candle hash) cannot pass unnoticed.
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.parse("1h"));
        CandleSeries s = CandleSeries.builder(id, 2)
                .add(0L, 1.0, 2.0, 0.5, 1.5, 10.0)
                .addFiller(3_600_000L, 1.5)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String text : new String[] {"shadow-trainer-candles-v1", "binance", "BTC/USDT", "1h"}) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        out.writeInt(2);
        double[][] bars = {{1.0, 2.0, 0.5, 1.5, 10.0}, {1.5, 1.5, 1.5, 1.5, 0.0}};
        for (int i = 0; i < 2; i++) {
            out.writeLong(i * 3_600_000L);
            for (double v : bars[i]) {
                out.writeLong(Double.doubleToLongBits(v));
            }
            out.writeByte(i == 1 ? 1 : 0);
        }
        out.flush();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));

        assertThat(CandleFingerprint.sha256(s)).isEqualTo(expected);
    }

    @Test
    void candlesInfoDescribesTheSeries() {
        CandleSeries s = TestCandles.btc15m(10, 5);
        CandlesInfo info = CandlesInfo.of("synthetic seed 5", s);
        assertThat(info.source()).isEqualTo("synthetic seed 5");
        assertThat(info.exchange()).isEqualTo("binance");
        assertThat(info.bars()).isEqualTo(10);
        assertThat(info.fillerBars()).isEqualTo(1);
        assertThat(info.firstOpen()).isEqualTo(s.firstOpen());
        assertThat(info.lastOpen()).isEqualTo(s.lastOpen());
        assertThat(info.sha256()).isEqualTo(CandleFingerprint.sha256(s));
    }
}
