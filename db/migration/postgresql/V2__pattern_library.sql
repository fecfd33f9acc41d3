-- The pattern library: clusters of entry embeddings fitted on trades that had exited by updated_at,
-- with each pattern's statistics and status. Holds the current library of each scope (a symbol such
-- as BTC/USDT, or 'all'); a refit replaces a scope's rows in one transaction. Kept in step with
-- db/migration/h2 (MemoryMigrationsTest compares them).

CREATE TABLE pattern_library (
    scope             text NOT NULL,
    pattern_id        integer NOT NULL,
    -- unit centroid of the members' embeddings (cosine k-means)
    centroid          vector(32) NOT NULL,
    embedding_version integer NOT NULL,
    members           integer NOT NULL CHECK (members > 0),
    wins              integer NOT NULL CHECK (wins >= 0 AND wins <= members),
    win_rate          double precision NOT NULL,
    -- Wilson 95% lower bound of the win rate
    win_rate_lower    double precision NOT NULL,
    mean_pnl_percent  double precision NOT NULL,
    sharpe            double precision NOT NULL,
    -- gross wins / gross losses of pnl %; NULL when the pattern has no losing trade
    profit_factor     double precision,
    size_multiplier   double precision NOT NULL,
    take_profit_bps   double precision NOT NULL,
    stop_loss_bps     double precision NOT NULL,
    -- the inversion test of a trusted pattern (NULL when not tested)
    earlier_win_rate  double precision,
    recent_win_rate   double precision,
    inversion_p_value double precision,
    trusted           boolean NOT NULL,
    status            text NOT NULL CHECK (status IN ('active', 'blacklisted')),
    -- the as-of time the library was fitted through: only trades that had exited by then are in it
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (scope, pattern_id)
);

CREATE INDEX pattern_library_status ON pattern_library (status);
