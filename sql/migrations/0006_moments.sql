-- Debate moments: an operator marks "Candidate B on pensions" at a time, and the wall shows each candidate's
-- reaction (posts and net sentiment in the minutes after against the minutes before, computed from posts).
-- One row per version: a deletion inserts a newer version with deleted = 1. ReplacingMergeTree(updated_at) keeps
-- the newest per id; readers use FINAL (a few hundred rows a night, so FINAL costs nothing).
-- board: the group the moment belongs to ('' = every board).
CREATE TABLE IF NOT EXISTS moments
(
    id         String,
    label      String,
    at         DateTime64(3, 'UTC'),
    board      LowCardinality(String),
    by         String,
    deleted    UInt8,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;
