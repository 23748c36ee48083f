-- Per-minute, per-entity aggregates: the same figures as entity_seconds, 60× fewer rows, so history over hours or
-- days (the wall's 24 h view, exports) reads minutes instead of seconds. Kept by its own materialized view on posts;
-- the INSERT below backfills the minutes of whatever entity_seconds already holds (migrations run before ingest).
CREATE TABLE IF NOT EXISTS entity_minutes
(
    entity        LowCardinality(String),
    t             DateTime('UTC'),
    posts         SimpleAggregateFunction(sum, UInt64),
    reposts       SimpleAggregateFunction(sum, UInt64),
    authors       AggregateFunction(uniq, String),
    sentiment_sum SimpleAggregateFunction(sum, Float64),
    positive      SimpleAggregateFunction(sum, UInt64),
    negative      SimpleAggregateFunction(sum, UInt64),
    anger         SimpleAggregateFunction(sum, Float64),
    disgust       SimpleAggregateFunction(sum, Float64),
    fear          SimpleAggregateFunction(sum, Float64),
    joy           SimpleAggregateFunction(sum, Float64),
    sadness       SimpleAggregateFunction(sum, Float64),
    surprise      SimpleAggregateFunction(sum, Float64),
    question      SimpleAggregateFunction(sum, UInt64),
    complaint     SimpleAggregateFunction(sum, UInt64),
    claim         SimpleAggregateFunction(sum, UInt64),
    praise        SimpleAggregateFunction(sum, UInt64),
    suggestion    SimpleAggregateFunction(sum, UInt64),
    other         SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (entity, t)
TTL t + INTERVAL 800 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS entity_minutes_mv TO entity_minutes AS
SELECT
    entity,
    toStartOfMinute(created_at)          AS t,
    toUInt64(count())                    AS posts,
    toUInt64(countIf(repost_of != ''))   AS reposts,
    uniqState(author_id)                 AS authors,
    sum(toFloat64(sentiment))            AS sentiment_sum,
    toUInt64(countIf(sentiment_label = 'positive')) AS positive,
    toUInt64(countIf(sentiment_label = 'negative')) AS negative,
    sum(toFloat64(anger))                AS anger,
    sum(toFloat64(disgust))              AS disgust,
    sum(toFloat64(fear))                 AS fear,
    sum(toFloat64(joy))                  AS joy,
    sum(toFloat64(sadness))              AS sadness,
    sum(toFloat64(surprise))             AS surprise,
    toUInt64(countIf(intent = 'question'))   AS question,
    toUInt64(countIf(intent = 'complaint'))  AS complaint,
    toUInt64(countIf(intent = 'claim'))      AS claim,
    toUInt64(countIf(intent = 'praise'))     AS praise,
    toUInt64(countIf(intent = 'suggestion')) AS suggestion,
    toUInt64(countIf(intent = 'other'))      AS other
FROM posts
ARRAY JOIN entities AS entity
GROUP BY entity, t;

INSERT INTO entity_minutes
SELECT
    entity,
    toStartOfMinute(t) AS minute,
    sum(posts) AS posts,
    sum(reposts) AS reposts,
    uniqMergeState(authors) AS authors,
    sum(sentiment_sum) AS sentiment_sum,
    sum(positive) AS positive,
    sum(negative) AS negative,
    sum(anger) AS anger,
    sum(disgust) AS disgust,
    sum(fear) AS fear,
    sum(joy) AS joy,
    sum(sadness) AS sadness,
    sum(surprise) AS surprise,
    sum(question) AS question,
    sum(complaint) AS complaint,
    sum(claim) AS claim,
    sum(praise) AS praise,
    sum(suggestion) AS suggestion,
    sum(other) AS other
FROM entity_seconds
GROUP BY entity, minute;
