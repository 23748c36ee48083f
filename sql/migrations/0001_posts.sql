-- Every post, as stored. One row per (source, id) delivered.
--
-- PARTITION BY day: retention drops whole days cheaply, and a day is a natural unit to back up or re-score.
-- ORDER BY (toStartOfHour(created_at), source, id): the wall and the history API read time ranges, so time leads
-- the key; source + id follow so that a ReplacingMergeTree keyed on them (deduplication, a later migration) can
-- reuse this order: a re-delivered post has the same created_at, hence the same hour, hence the same key.
-- Entities are an array (a post may mention several), so they cannot lead the key; per-entity reads go to
-- the entity_seconds aggregate instead.
-- TTL: 90 days by default; the server applies RETENTION_DAYS at start-up with ALTER TABLE ... MODIFY TTL.
CREATE TABLE IF NOT EXISTS posts
(
    id                   String,
    source               LowCardinality(String),
    created_at           DateTime64(3, 'UTC'),
    received_at          DateTime64(3, 'UTC'),
    lang                 LowCardinality(String),
    author_id            String,
    author_handle        String,
    author_followers     UInt32,
    author_verified      Bool,
    text                 String,
    url                  String,
    repost_of            String,
    reposts              UInt32,
    likes                UInt32,
    replies              UInt32,
    entities             Array(LowCardinality(String)),
    sentiment            Float32,
    sentiment_label      LowCardinality(String),
    sentiment_confidence Float32,
    anger                Float32,
    disgust              Float32,
    fear                 Float32,
    joy                  Float32,
    sadness              Float32,
    surprise             Float32,
    emotion              LowCardinality(String),
    intent               LowCardinality(String),
    nature               LowCardinality(String),
    irony                Bool
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(created_at)
ORDER BY (toStartOfHour(created_at), source, id)
TTL toDateTime(created_at) + INTERVAL 90 DAY;
