-- The indexed flag of db/migration/postgresql V4 (same column, MemoryMigrationsTest compares them).
-- H2 has no HNSW index: its look-ups are exact over every trade, and `db index` only sets the flag.
ALTER TABLE trade_memory ADD COLUMN indexed BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE trade_memory ALTER COLUMN indexed SET DEFAULT FALSE;
