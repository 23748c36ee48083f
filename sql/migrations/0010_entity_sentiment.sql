-- Per-entity sentiment (issue 15): a post naming several monitored entities has one reading per entity, parallel to
-- `entities` (same order, same length). Empty arrays mean "use the post's own sentiment": posts naming one entity,
-- posts stored before this migration, and posts the analyser found no separate reading for.
-- The label is stored too, not re-derived from the score: the analyser's label is its most likely class, which no
-- fixed score threshold reproduces.
ALTER TABLE posts
    ADD COLUMN IF NOT EXISTS entity_sentiments Array(Float32) DEFAULT [] AFTER entities,
    ADD COLUMN IF NOT EXISTS entity_labels Array(LowCardinality(String)) DEFAULT [] AFTER entity_sentiments;

-- The aggregate views are recreated (same target tables, same columns) so that sentiment_sum, positive and negative
-- use each entity's own reading when the post has one. They still read `FROM posts` plainly: removals
-- (server/src/store/removals.ts) correct the aggregates by running each view's own SELECT over the doomed rows.
-- arrayResize pads a short array so ARRAY JOIN never fails; the if() then falls back to the post's own reading.
-- Migrations run before ingest starts, so no insert falls between the DROP and the CREATE.
DROP VIEW IF EXISTS entity_seconds_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS entity_seconds_mv TO entity_seconds AS
SELECT
    entity,
    toStartOfSecond(created_at)          AS t,
    toUInt64(count())                    AS posts,
    toUInt64(countIf(repost_of != ''))   AS reposts,
    uniqState(author_id)                 AS authors,
    sum(toFloat64(if(length(entity_sentiments) = length(entities), entity_sentiment, sentiment))) AS sentiment_sum,
    toUInt64(countIf(if(length(entity_labels) = length(entities), entity_label, sentiment_label) = 'positive')) AS positive,
    toUInt64(countIf(if(length(entity_labels) = length(entities), entity_label, sentiment_label) = 'negative')) AS negative,
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
ARRAY JOIN
    entities AS entity,
    arrayResize(entity_sentiments, length(entities)) AS entity_sentiment,
    arrayResize(entity_labels, length(entities)) AS entity_label
GROUP BY entity, t;

DROP VIEW IF EXISTS entity_minutes_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS entity_minutes_mv TO entity_minutes AS
SELECT
    entity,
    toStartOfMinute(created_at)          AS t,
    toUInt64(count())                    AS posts,
    toUInt64(countIf(repost_of != ''))   AS reposts,
    uniqState(author_id)                 AS authors,
    sum(toFloat64(if(length(entity_sentiments) = length(entities), entity_sentiment, sentiment))) AS sentiment_sum,
    toUInt64(countIf(if(length(entity_labels) = length(entities), entity_label, sentiment_label) = 'positive')) AS positive,
    toUInt64(countIf(if(length(entity_labels) = length(entities), entity_label, sentiment_label) = 'negative')) AS negative,
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
ARRAY JOIN
    entities AS entity,
    arrayResize(entity_sentiments, length(entities)) AS entity_sentiment,
    arrayResize(entity_labels, length(entities)) AS entity_label
GROUP BY entity, t;
