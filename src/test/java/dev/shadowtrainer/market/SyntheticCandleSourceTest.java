package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCandleSourceTest {
    private static CandleRequest request(String symbol, Timeframe timeframe, int days) {
        return new CandleRequest(new SeriesId("synthetic", Symbol.parse(symbol), timeframe), days);
    }

    @Test
    void isNamedSynthetic() {
        assertThat(new SyntheticCandleSource(1).name()).isEqualTo("synthetic");
    }

    @Test
    void defaultClockEndsAtTheFixedAnchor() {
        List<Candle> candles = new SyntheticCandleSource(1).load(request("BTC/USDT", Timeframe.M5, 30));

        assertThat(candles).hasSize(30 * 288);
        assertThat(candles.get(0).openTime()).isEqualTo(Instant.parse("2024-12-02T00:00:00Z"));
        assertThat(candles.get(candles.size() - 1).openTime()).isEqualTo(Instant.parse("2024-12-31T23:55:00Z"));
        assertThat(SyntheticCandleSource.DEFAULT_ANCHOR).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void givenClockEndsWithTheLastClosedBar() {
        Clock midBar = Clock.fixed(Instant.parse("2025-03-10T12:07:30Z"), ZoneOffset.UTC);

        List<Candle> candles = new SyntheticCandleSource(1, midBar).load(request("ETH/USDT", Timeframe.M15, 2));

        assertThat(candles).hasSize(2 * 96);
        assertThat(candles.get(candles.size() - 1).openTime()).isEqualTo(Instant.parse("2025-03-10T11:45:00Z"));
        assertThat(candles.get(0).openTime()).isEqualTo(Instant.parse("2025-03-08T12:00:00Z"));
    }

    @Test
    void everyBarIsOneTimeframeAfterThePrevious() {
        List<Candle> candles = new SyntheticCandleSource(4).load(request("SOL/USDT", Timeframe.H4, 60));

        assertThat(candles).hasSize(60 * 6);
        for (int i = 1; i < candles.size(); i++) {
            assertThat(candles.get(i).openTimeMillis() - candles.get(i - 1).openTimeMillis())
                    .isEqualTo(Timeframe.H4.millis());
        }
    }

    @Test
    void sameSeedAndRequestGiveIdenticalCandles() {
        CandleRequest request = request("BTC/USDT", Timeframe.M1, 3);

        assertThat(new SyntheticCandleSource(77).load(request))
                .isEqualTo(new SyntheticCandleSource(77).load(request));
        assertThat(new SyntheticCandleSource(77).load(request))
                .isNotEqualTo(new SyntheticCandleSource(78).load(request));
    }

    @Test
    void symbolsDifferUnderTheSameSeed() {
        SyntheticCandleSource source = new SyntheticCandleSource(77);

        List<Candle> btc = source.load(request("BTC/USDT", Timeframe.H1, 10));
        List<Candle> eth = source.load(request("ETH/USDT", Timeframe.H1, 10));

        assertThat(btc.get(0).open()).isNotEqualTo(eth.get(0).open());
        assertThat(btc.get(btc.size() - 1).close() / btc.get(0).open())
                .isNotEqualTo(eth.get(eth.size() - 1).close() / eth.get(0).open());
    }

    @Test
    void historyCarriesTheSameCandlesAndOneRegimePerBar() {
        SyntheticCandleSource source = new SyntheticCandleSource(5);
        CandleRequest request = request("XRP/USDT", Timeframe.D1, 365);

        SyntheticHistory history = source.history(request);

        assertThat(history.candles()).isEqualTo(source.load(request));
        assertThat(history.regimes()).hasSize(365).doesNotContainNull();
        assertThat(history.series().id().symbol()).isEqualTo(Symbol.parse("XRP/USDT"));
    }
}
