-- The pattern library on the embedded H2 store (the centroid is a REAL ARRAY): clusters of entry
-- embeddings fitted on trades that had exited by updated_at, with each pattern's statistics and
-- status. Holds the current library of each scope (a symbol such as BTC/USDT, or 'all'); a refit
-- replaces a scope's rows in one transaction. Kept in step with db/migration/postgresql
-- (MemoryMigrationsTest compares them).

CREATE TABLE pattern_library (
    scope             VARCHAR NOT NULL,
    pattern_id        INTEGER NOT NULL,
    -- unit centroid of the members' embeddings (cosine k-means)
    centroid          REAL ARRAY[32] NOT NULL,
    embedding_version INTEGER NOT NULL,
    members           INTEGER NOT NULL CHECK (members > 0),
    wins              INTEGER NOT NULL CHECK (wins >= 0 AND wins <= members),
    win_rate          DOUBLE PRECISION NOT NULL,
    -- Wilson 95% lower bound of the win rate
    win_rate_lower    DOUBLE PRECISION NOT NULL,
    mean_pnl_percent  DOUBLE PRECISION NOT NULL,
    sharpe            DOUBLE PRECISION NOT NULL,
    -- gross wins / gross losses of pnl %; NULL when the pattern has no losing trade
    profit_factor     DOUBLE PRECISION,
    size_multiplier   DOUBLE PRECISION NOT NULL,
    take_profit_bps   DOUBLE PRECISION NOT NULL,
    stop_loss_bps     DOUBLE PRECISION NOT NULL,
    -- the inversion test of a trusted pattern (NULL when not tested)
    earlier_win_rate  DOUBLE PRECISION,
    recent_win_rate   DOUBLE PRECISION,
    inversion_p_value DOUBLE PRECISION,
    trusted           BOOLEAN NOT NULL,
    status            VARCHAR NOT NULL CHECK (status IN ('active', 'blacklisted')),
    -- the as-of time the library was fitted through: only trades that had exited by then are in it
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, pattern_id)
);

CREATE INDEX pattern_library_status ON pattern_library (status);
