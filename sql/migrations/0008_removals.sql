-- Removals (issue 16: deletes and edits at the source; issue 19: purging a source such as the demo).
--
-- post_removals records every post taken out of posts, and why: `deleted` (deleted or un-reposted at the source),
-- `edited` (replaced by its new version: same source and id, new text, re-matched and re-scored), `purged` (an
-- operator removed a whole source). Kept, like the room's other records; ingest reads it back so that a delete
-- that arrived before its post (or while the post waited in the writer or the spool) still wins: a post with a
-- `deleted` or `purged` row here is never stored again.
--
-- How a removal works (server/src/store/removals.ts, one batch for many posts, serialised with the writer's inserts):
--   1. the aggregates are corrected by inserting, straight into each table a materialized view on posts fills
--      (entity_seconds, entity_minutes, and any later one), that view's own SELECT over the doomed rows with every
--      sum negated: the sums of any range then count the post zero times. Unique-author states (uniq) cannot be
--      subtracted: the doomed rows' authors are merged in again (a union with itself changes nothing), so `authors`
--      stays an upper bound after a removal.
--   2. the doomed rows are recorded here,
--   3. they are removed with a lightweight DELETE (a mask applied at once, the text gone at the next merge), so every
--      reader of posts (feed, queue, drivers, moments, series) stops seeing them without a change to its query.
-- The sum columns become signed for step 1: a negative correction row must be storable (the views' UInt64 results
-- convert on insert; the sums of real data stay ≥ 0).
CREATE TABLE IF NOT EXISTS post_removals
(
    source LowCardinality(String),
    id     String,
    reason LowCardinality(String),
    at     DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (source, id);

ALTER TABLE entity_seconds
    MODIFY COLUMN posts SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN reposts SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN positive SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN negative SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN question SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN complaint SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN claim SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN praise SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN suggestion SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN other SimpleAggregateFunction(sum, Int64);

ALTER TABLE entity_minutes
    MODIFY COLUMN posts SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN reposts SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN positive SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN negative SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN question SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN complaint SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN claim SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN praise SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN suggestion SimpleAggregateFunction(sum, Int64),
    MODIFY COLUMN other SimpleAggregateFunction(sum, Int64);

-- Removals find posts by (source, id), but posts is ordered by time first: a bloom filter on id lets a removal skip
-- the granules that cannot hold its ids (parts written before this migration are read whole until they merge).
ALTER TABLE posts ADD INDEX IF NOT EXISTS posts_id_bloom id TYPE bloom_filter(0.01) GRANULARITY 4;
