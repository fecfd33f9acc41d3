-- Cheaper trade writes (BulkTrades), two changes measured on a million-row trade_memory (README, trade
-- memory bench):
--
-- 1. features becomes json instead of jsonb. Nothing queries inside it (the analyzers read it as text and
--    parse it themselves), and jsonb's input parses every number into a numeric and sorts the keys:
--    COPY of 5,000 trades into the staging table took about 180 ms with jsonb and 116 ms with json.
--    json keeps the text as written and still refuses text that is not JSON.
-- 2. The foreign key from trade_memory.run_id to runs becomes a check per statement. A foreign key runs
--    one look-up per inserted row (about 10 µs each here, 30 to 48 ms per 5,000 trades); the triggers
--    below check all of a statement's rows with one query and, as the foreign key does, lock the runs
--    they reference (FOR KEY SHARE) until the transaction ends, and refuse to delete a run, or change
--    its id, while trades reference it. The error is SQLSTATE 23503 (foreign_key_violation), as before.
--
-- The type change rewrites the table and rebuilds its indexes, the HNSW graphs too: seconds for a
-- memory of some ten thousand trades, about as long as the index builds of the trade memory bench for a
-- million (minutes). Kept in step with db/migration/h2 (MemoryMigrationsTest); H2 keeps its foreign key.

SET LOCAL maintenance_work_mem = '512MB';
ALTER TABLE trade_memory ALTER COLUMN features TYPE json USING features::json;

ALTER TABLE trade_memory DROP CONSTRAINT trade_memory_run_id_fkey;

CREATE FUNCTION trade_memory_runs_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    -- Lock first: a run being deleted by another transaction is waited for, and then is gone.
    PERFORM 1 FROM runs r WHERE r.run_id IN (SELECT DISTINCT run_id FROM added) FOR KEY SHARE OF r;
    SELECT a.run_id INTO missing FROM (SELECT DISTINCT run_id FROM added) a
        WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_id = a.run_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'trade_memory.run_id % is not in runs', missing
            USING ERRCODE = 'foreign_key_violation', HINT = 'save the run (runs) before its trades';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trade_memory_runs_exist_insert AFTER INSERT ON trade_memory
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION trade_memory_runs_exist();
-- No statement changes run_id (db index sets indexed); one that does is checked row by row.
CREATE FUNCTION trade_memory_run_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM runs r WHERE r.run_id = NEW.run_id FOR KEY SHARE OF r;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'trade_memory.run_id % is not in runs', NEW.run_id
            USING ERRCODE = 'foreign_key_violation', HINT = 'save the run (runs) before its trades';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER trade_memory_run_exists_update BEFORE UPDATE OF run_id ON trade_memory
    FOR EACH ROW WHEN (NEW.run_id IS DISTINCT FROM OLD.run_id) EXECUTE FUNCTION trade_memory_run_exists();

-- After the row is locked (so after a transaction writing trades of this run has committed, and under READ
-- COMMITTED this check then sees those trades), as the foreign key's own check runs.
CREATE FUNCTION runs_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM trade_memory t WHERE t.run_id = OLD.run_id) THEN
        RAISE EXCEPTION 'run % still has trades in trade_memory', OLD.run_id
            USING ERRCODE = 'foreign_key_violation', HINT = 'delete its trades first';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER runs_keep_referenced_delete AFTER DELETE ON runs
    FOR EACH ROW EXECUTE FUNCTION runs_keep_referenced();
CREATE TRIGGER runs_keep_referenced_update AFTER UPDATE OF run_id ON runs
    FOR EACH ROW WHEN (NEW.run_id IS DISTINCT FROM OLD.run_id) EXECUTE FUNCTION runs_keep_referenced();
