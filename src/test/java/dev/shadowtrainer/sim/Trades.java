package dev.shadowtrainer.sim;

/** Closed trades for tests, with only the fields metrics read made explicit. */
final class Trades {
    private Trades() {
    }

    static Trade closed(long id, double entryPrice, double exitPrice, double quantity, double fees, double pnl) {
        long day = 86_400_000L;
        return new Trade(id, TradeKind.AGENT, (int) id, (int) id + 1, id * day, (id + 1) * day, entryPrice, exitPrice,
                1.0, entryPrice * quantity, quantity, 1.0, fees, pnl, pnl / (entryPrice * quantity) * 100, 1.5, -0.5,
                pnl > 0 ? ExitReason.TAKE_PROFIT : ExitReason.STOP_LOSS, (byte) 1, (byte) 2, new float[0]);
    }
}
