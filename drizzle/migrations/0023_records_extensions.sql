-- Hand-written: btree_gin lets the search index's GIN index lead with tenant_id (a trusted
-- extension, so the owner may create it; PGlite loads it in server/database/connect.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;
