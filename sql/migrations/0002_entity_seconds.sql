-- Per-second, per-entity aggregates, kept by a materialized view on every insert into posts.
-- AggregatingMergeTree because unique authors need a mergeable uniq() state; the other columns are plain sums
-- (SimpleAggregateFunction) so that any range of seconds adds up: a minute, an hour, a debate.
-- ORDER BY (entity, t): the wall asks "this entity, this time range".
CREATE TABLE IF NOT EXISTS entity_seconds
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
TTL t + INTERVAL 400 DAY;

-- Posts without entities are kept in posts but not aggregated (ARRAY JOIN drops empty arrays).
CREATE MATERIALIZED VIEW IF NOT EXISTS entity_seconds_mv TO entity_seconds AS
SELECT
    entity,
    toStartOfSecond(created_at)          AS t,
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
