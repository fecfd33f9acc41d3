-- HNSW maintenance deferred. Inserting a trade into an HNSW graph costs about a millisecond at a
-- million stored trades (99% of a write's time), and a run's look-ups do not read these indexes (they
-- use the in-process index), so a write stores its trades with indexed = false and the indexes take
-- them in later: `db index` (and the nightly job at its end) sets indexed = true, a batch of trades
-- per transaction, which inserts them into the HNSW graphs. Until then TradeMemory.nearest searches the not-yet-indexed
-- trades exactly (through the partial B-tree below) beside the HNSW search of the rest, so every
-- stored trade is found from the moment its write commits. Trades stored before this migration are
-- all indexed. Kept in step with db/migration/h2 (MemoryMigrationsTest).

ALTER TABLE trade_memory ADD COLUMN indexed boolean NOT NULL DEFAULT true;
ALTER TABLE trade_memory ALTER COLUMN indexed SET DEFAULT false;

-- V1's index over every trade becomes an index over the indexed ones (rebuilt here, inside the
-- migration's transaction, not CONCURRENTLY). Each symbol's partial index (SymbolIndexes) is
-- likewise WHERE symbol = ... AND indexed.
DROP INDEX trade_memory_embedding;
-- An index built within maintenance_work_mem is built many times faster than one that spills.
SET LOCAL maintenance_work_mem = '512MB';
CREATE INDEX trade_memory_embedding ON trade_memory USING hnsw (embedding vector_cosine_ops) WHERE indexed;
CREATE INDEX trade_memory_backlog ON trade_memory (exit_time) WHERE NOT indexed;
