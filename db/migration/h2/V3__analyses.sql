-- The win, loss and post-exit analyses of each run: the same tables, columns and keys as
-- db/migration/postgresql (MemoryMigrationsTest compares them).

CREATE TABLE run_analysis (
    run_id          VARCHAR PRIMARY KEY REFERENCES runs (run_id),
    min_occurrences INTEGER NOT NULL,
    trades          INTEGER NOT NULL
);

-- One row per pattern with at least min_occurrences members: its win rate and 95 % Wilson interval.
CREATE TABLE win_analysis (
    run_id       VARCHAR NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    pattern      INTEGER NOT NULL,
    members      INTEGER NOT NULL,
    winners      INTEGER NOT NULL,
    win_rate     DOUBLE PRECISION NOT NULL,
    wilson_lower DOUBLE PRECISION NOT NULL,
    wilson_upper DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, pattern)
);

-- The features that best separate a pattern's winners from its losers, seq 0 the strongest.
CREATE TABLE win_analysis_feature (
    run_id       VARCHAR NOT NULL,
    pattern      INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    feature      VARCHAR NOT NULL,
    effect_size  DOUBLE PRECISION NOT NULL,
    winners_mean DOUBLE PRECISION NOT NULL,
    losers_mean  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, pattern, seq),
    FOREIGN KEY (run_id, pattern) REFERENCES win_analysis (run_id, pattern) ON DELETE CASCADE
);

-- Skill versus luck of each winning agent trade; skill is null with too few comparables.
CREATE TABLE win_skill (
    run_id      VARCHAR NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    trade_key   VARCHAR NOT NULL,
    pattern     INTEGER NOT NULL,
    regime      VARCHAR NOT NULL,
    pnl_percent DOUBLE PRECISION NOT NULL,
    comparables INTEGER NOT NULL,
    skill       DOUBLE PRECISION,
    PRIMARY KEY (run_id, trade_key)
);

-- One row per losing trade; misleading_features is a comma-separated list, strongest first.
CREATE TABLE loss_analysis (
    run_id              VARCHAR NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    trade_key           VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    pattern             INTEGER NOT NULL,
    failure_reason      VARCHAR NOT NULL,
    corrective_action   VARCHAR NOT NULL,
    misleading_features VARCHAR NOT NULL,
    PRIMARY KEY (run_id, trade_key)
);

-- Exit timing of all trades (scope 'all') and of each kind.
CREATE TABLE post_exit_analysis (
    run_id               VARCHAR NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq                  INTEGER NOT NULL,
    scope                VARCHAR NOT NULL,
    trades               INTEGER NOT NULL,
    about_right          INTEGER NOT NULL,
    too_early            INTEGER NOT NULL,
    too_late             INTEGER NOT NULL,
    pending              INTEGER NOT NULL,
    accuracy             DOUBLE PRECISION,
    missed_profit_trades INTEGER NOT NULL,
    missed_profit_total  DOUBLE PRECISION,
    missed_profit_mean   DOUBLE PRECISION,
    PRIMARY KEY (run_id, scope)
);

-- Mean return per holding horizon of each pattern's members and the recommended horizon.
CREATE TABLE post_exit_holding (
    run_id            VARCHAR NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    pattern           INTEGER NOT NULL,
    members           INTEGER NOT NULL,
    complete          INTEGER NOT NULL,
    mean_hold_minutes DOUBLE PRECISION NOT NULL,
    mean_return_exit  DOUBLE PRECISION,
    mean_return_1h    DOUBLE PRECISION,
    mean_return_4h    DOUBLE PRECISION,
    mean_return_24h   DOUBLE PRECISION,
    recommended       VARCHAR,
    PRIMARY KEY (run_id, pattern)
);
