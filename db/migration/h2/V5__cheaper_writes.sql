-- db/migration/postgresql V5 makes features json (H2's column is JSON already) and checks trade_memory.run_id
-- per statement instead of per row. H2 is not the fast write path: it keeps its foreign key, and this
-- version only keeps the two stores' histories in step.
COMMENT ON COLUMN trade_memory.features IS 'entry features as a JSON object';
