-- Spike alerts, one row per version: a status change (acknowledged, false positive) inserts a newer version.
-- ReplacingMergeTree(updated_at) keeps the newest per id; readers use FINAL. drivers/posts are JSON text: they are
-- shown and exported whole, never filtered on.
CREATE TABLE IF NOT EXISTS alerts
(
    id          String,
    entity      LowCardinality(String),
    metric      LowCardinality(String),
    severity    UInt8,
    onset       DateTime64(3, 'UTC'),
    detected_at DateTime64(3, 'UTC'),
    observed    Float64,
    expected    Float64,
    emotion     LowCardinality(String),
    drivers     String,
    posts       String,
    status      LowCardinality(String),
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(detected_at)
ORDER BY id;

-- The room's feedback on alerts, append-only and kept: who said what, when. The detector reads it back
-- (false positives on an entity+metric raise that detector's threshold).
CREATE TABLE IF NOT EXISTS alert_feedback
(
    alert_id String,
    entity   LowCardinality(String),
    metric   LowCardinality(String),
    status   LowCardinality(String),
    by       String,
    at       DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (entity, metric, at);
