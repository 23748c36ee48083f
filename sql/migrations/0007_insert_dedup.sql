-- Insert deduplication for the tables the writer fills. An insert the writer gave up on (timeout) may still land
-- later; its retry carries the same insert_deduplication_token (a hash of the batch's post keys), so ClickHouse
-- keeps only one of them — in posts and, with deduplicate_blocks_in_dependent_materialized_views, in the aggregates.
-- Non-replicated MergeTree tables only deduplicate within this window of recent blocks.
ALTER TABLE posts MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE entity_seconds MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE entity_minutes MODIFY SETTING non_replicated_deduplication_window = 10000;
