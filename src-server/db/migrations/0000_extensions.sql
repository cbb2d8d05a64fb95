-- Trigram indexes serve substring search on customer names and phone digits.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without
-- superuser rights; PGlite loads it through its `extensions` option (see db/connect.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
