package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TradeRecords;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows built on demand are, in order, the rows a run's trades give when built all at once. */
class RunTradesTest {
    @Test
    void rowsPostExitRowsAndRegimesMatchTheTradesBuiltEagerlyAcrossRunsSomeEmpty() {
        CandleSeries candles = new SyntheticMarket(3).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 2400).series();
        MarketPreparation preparation = new MarketPreparation(500);
        MarketData market = preparation.apply(candles);
        ExecutionConfig execution = ExecutionConfig.from(
                new ConfigLoader().load(null, Map.of(), Map.of()).training().shadowTrading(), Timeframe.M15);
        Simulator simulator = new Simulator(market, execution, 80);
        int from = preparation.leadInBars();
        List<SimulationResult> runs = List.of(
                simulator.run(new RandomPolicy(0.2, 0.2), from, from + 500, 10_000, 1),
                simulator.run(new RandomPolicy(0.2, 0.2), from + 600, from + 601, 10_000, 2), // no trades at all
                simulator.run(new RandomPolicy(0.2, 0.2), from + 700, from + 1500, 10_000, 3));
        TradeRecords records = new TradeRecords(market, candles.id(), "run-1");
        List<StoredTrade> rows = new ArrayList<>();
        List<PostExitRow> postExit = new ArrayList<>();
        List<String> regimes = new ArrayList<>();
        for (SimulationResult r : runs) {
            for (int i = 0; i < r.trades().size(); i++) {
                Trade t = r.trades().get(i);
                StoredTrade s = records.of(t, "random");
                rows.add(s);
                postExit.add(RunMemory.postExit(s.tradeKey(), t.exitBar(), r.agentPostExit(), i));
                regimes.add(AtrAdxRegime.ofOrdinal(t.exitRegime()).name());
            }
        }
        int agent = rows.size();
        for (SimulationResult r : runs) {
            ShadowTrades s = r.shadowTrades();
            for (int i = 0; i < s.size(); i++) {
                Trade t = s.trade(i, 1.0, candles.openTime(s.entryBar(i)), candles.openTime(s.exitBar(i)));
                StoredTrade stored = records.of(t, "random");
                rows.add(stored);
                postExit.add(RunMemory.postExit(stored.tradeKey(), s.exitBar(i), r.shadowPostExit(), i));
                regimes.add(AtrAdxRegime.ofOrdinal(s.exitRegimeOf(i)).name());
            }
        }
        assertThat(runs.get(1).trades()).isEmpty();
        assertThat(runs.get(1).shadowTrades().size()).isZero();
        assertThat(agent).isPositive();

        RunTrades lazy = new RunTrades(runs, records, "random", candles);
        assertThat(lazy.size()).isEqualTo(rows.size());
        assertThat(lazy.agentTrades()).isEqualTo(agent);
        assertThat(lazy.rows()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows);
        assertThat(lazy.postExitRows()).containsExactlyElementsOf(postExit);
        assertThat(lazy.exitRegimes()).containsExactlyElementsOf(regimes);
    }
}
