-- The win, loss and post-exit analyses of each run (dev.shadowtrainer.analysis.AnalysisStore). A run's
-- rows hang off its run_analysis row, so saving a run again deletes that row (the rest cascade) and
-- writes them anew in one transaction. Kept in step with db/migration/h2 (MemoryMigrationsTest).

CREATE TABLE run_analysis (
    run_id          text PRIMARY KEY REFERENCES runs (run_id),
    min_occurrences integer NOT NULL,
    trades          integer NOT NULL
);

-- One row per pattern with at least min_occurrences members: its win rate and 95 % Wilson interval.
CREATE TABLE win_analysis (
    run_id       text NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    pattern      integer NOT NULL,
    members      integer NOT NULL,
    winners      integer NOT NULL,
    win_rate     double precision NOT NULL,
    wilson_lower double precision NOT NULL,
    wilson_upper double precision NOT NULL,
    PRIMARY KEY (run_id, pattern)
);

-- The features that best separate a pattern's winners from its losers, seq 0 the strongest.
CREATE TABLE win_analysis_feature (
    run_id       text NOT NULL,
    pattern      integer NOT NULL,
    seq          integer NOT NULL,
    feature      text NOT NULL,
    effect_size  double precision NOT NULL,
    winners_mean double precision NOT NULL,
    losers_mean  double precision NOT NULL,
    PRIMARY KEY (run_id, pattern, seq),
    FOREIGN KEY (run_id, pattern) REFERENCES win_analysis (run_id, pattern) ON DELETE CASCADE
);

-- Skill versus luck of each winning agent trade; skill is null with too few comparables.
CREATE TABLE win_skill (
    run_id      text NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    trade_key   text NOT NULL,
    pattern     integer NOT NULL,
    regime      text NOT NULL,
    pnl_percent double precision NOT NULL,
    comparables integer NOT NULL,
    skill       double precision,
    PRIMARY KEY (run_id, trade_key)
);

-- One row per losing trade; misleading_features is a comma-separated list, strongest first.
CREATE TABLE loss_analysis (
    run_id              text NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq                 integer NOT NULL,
    trade_key           text NOT NULL,
    kind                text NOT NULL,
    pattern             integer NOT NULL,
    failure_reason      text NOT NULL,
    corrective_action   text NOT NULL,
    misleading_features text NOT NULL,
    PRIMARY KEY (run_id, trade_key)
);

-- Exit timing of all trades (scope 'all') and of each kind.
CREATE TABLE post_exit_analysis (
    run_id               text NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    seq                  integer NOT NULL,
    scope                text NOT NULL,
    trades               integer NOT NULL,
    about_right          integer NOT NULL,
    too_early            integer NOT NULL,
    too_late             integer NOT NULL,
    pending              integer NOT NULL,
    accuracy             double precision,
    missed_profit_trades integer NOT NULL,
    missed_profit_total  double precision,
    missed_profit_mean   double precision,
    PRIMARY KEY (run_id, scope)
);

-- Mean return per holding horizon of each pattern's members and the recommended horizon.
CREATE TABLE post_exit_holding (
    run_id            text NOT NULL REFERENCES run_analysis (run_id) ON DELETE CASCADE,
    pattern           integer NOT NULL,
    members           integer NOT NULL,
    complete          integer NOT NULL,
    mean_hold_minutes double precision NOT NULL,
    mean_return_exit  double precision,
    mean_return_1h    double precision,
    mean_return_4h    double precision,
    mean_return_24h   double precision,
    recommended       text,
    PRIMARY KEY (run_id, pattern)
);
